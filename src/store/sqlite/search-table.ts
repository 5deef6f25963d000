/** The search index on SQLite: prefix ranges over an index on (term, stix_id, collection, field). */
import type Database from 'better-sqlite3';
import type { IndexField, SearchHit, SearchQuery } from '../search.js';
import { referenceTerm } from '../search-terms.js';

type HitRow = [term: string, id: string, collectionId: string, field: IndexField];

const toHit = ([term, id, collectionId, field]: HitRow): SearchHit => ({ term, id, collectionId, field });

/** The largest code point: every string starting with a prefix sorts below prefix + it. */
const TOP = '\u{10FFFF}';

/** Prepared statements over search_terms. */
export class SearchTable {
  readonly #db: Database.Database;
  readonly #s;

  constructor(db: Database.Database) {
    this.#db = db;
    const hit = 'SELECT DISTINCT term, stix_id, collection, field FROM search_terms';
    const order = 'ORDER BY term, stix_id, collection, field LIMIT ?';
    // Types are the part of the id before '--' (STIX 2.1 section 2.9).
    const typed = "AND substr(stix_id, 1, instr(stix_id, '--') - 1) IN (SELECT value FROM json_each(?))";
    const after = 'AND (term, stix_id, collection, field) > (?, ?, ?, ?)';
    this.#s = {
      first: db.prepare(`${hit} WHERE term >= ? AND term < ? ${order}`).raw(),
      firstTyped: db.prepare(`${hit} WHERE term >= ? AND term < ? ${typed} ${order}`).raw(),
      next: db.prepare(`${hit} WHERE term >= ? AND term < ? ${after} ${order}`).raw(),
      nextTyped: db.prepare(`${hit} WHERE term >= ? AND term < ? ${after} ${typed} ${order}`).raw(),
      exact: db
        .prepare(
          'SELECT DISTINCT term, stix_id, collection, field FROM search_terms WHERE term = ? ORDER BY stix_id, collection, field LIMIT ?',
        )
        .raw(),
    };
  }

  /** See SearchStore.searchTerms. */
  search(q: SearchQuery): SearchHit[] {
    const range = [q.prefix, q.prefix + TOP];
    const types = q.types !== undefined && q.types.length > 0 ? [JSON.stringify(q.types)] : [];
    const s = this.#s;
    const position = q.after ? [q.after.term, q.after.id, q.after.collectionId, q.after.field] : [];
    const statement =
      q.after === undefined
        ? types.length > 0
          ? s.firstTyped
          : s.first
        : types.length > 0
          ? s.nextTyped
          : s.next;
    return (statement.all(...range, ...position, ...types, q.limit) as HitRow[]).map(toHit);
  }

  /** See SearchStore.lookupTerms: one read transaction for the whole list. */
  lookup(terms: readonly string[], perTerm: number): SearchHit[] {
    return this.#db.transaction(() => {
      const hits: SearchHit[] = [];
      for (const term of new Set(terms)) {
        for (const row of this.#s.exact.all(term, perTerm) as HitRow[]) hits.push(toHit(row));
      }
      return hits;
    })();
  }

  /** See SearchStore.referencesTo. */
  referencesTo(id: string, limit: number): SearchHit[] {
    return (this.#s.exact.all(referenceTerm(id), limit) as HitRow[]).map(toHit);
  }
}
