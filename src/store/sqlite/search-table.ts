/**
 * The search index on SQLite: `search_terms` is one B-tree keyed (term, seq, field), so a term
 * costs one small insert; a hit joins its version by seq for the id, collection and version.
 */
import type Database from 'better-sqlite3';
import type { IndexField, SearchHit, SearchQuery } from '../search.js';
import { referenceTerm } from '../search-terms.js';

type HitRow = [
  term: string,
  id: string,
  collectionId: string,
  field: IndexField,
  seq: number,
  version: string,
];

const toHit = ([term, id, collectionId, field, seq, version]: HitRow): SearchHit => ({
  term,
  id,
  collectionId,
  field,
  seq,
  version,
});

/** The largest code point: every string starting with a prefix sorts below prefix + it. */
const TOP = '\u{10FFFF}';

/** Prepared statements over search_terms. */
export class SearchTable {
  readonly #db: Database.Database;
  readonly #s;

  constructor(db: Database.Database) {
    this.#db = db;
    const hit =
      'SELECT t.term, v.stix_id, v.collection, t.field, t.seq, v.version FROM search_terms AS t' +
      ' JOIN versions AS v ON v.seq = t.seq';
    const range = 'WHERE t.term >= ? AND t.term < ?';
    const order = 'ORDER BY t.term, t.seq, t.field LIMIT ?';
    const typed = 'AND v.type IN (SELECT value FROM json_each(?))';
    const after = 'AND (t.term, t.seq) > (?, ?)';
    this.#s = {
      first: db.prepare(`${hit} ${range} ${order}`).raw(),
      firstTyped: db.prepare(`${hit} ${range} ${typed} ${order}`).raw(),
      next: db.prepare(`${hit} ${range} ${after} ${order}`).raw(),
      nextTyped: db.prepare(`${hit} ${range} ${after} ${typed} ${order}`).raw(),
      exact: db.prepare(`${hit} WHERE t.term = ? ORDER BY t.seq, t.field LIMIT ?`).raw(),
    };
  }

  /** See SearchStore.searchTerms. */
  search(q: SearchQuery): SearchHit[] {
    const range = [q.prefix, q.prefix + TOP];
    const types = q.types !== undefined && q.types.length > 0 ? [JSON.stringify(q.types)] : [];
    const s = this.#s;
    const position = q.after ? [q.after.term, q.after.seq] : [];
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
