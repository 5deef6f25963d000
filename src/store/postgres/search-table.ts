/**
 * The search index on PostgreSQL: `search_terms` keyed (term, seq, field) in the C collation, so
 * a prefix is one range of the key; a hit joins its version by seq for the id, collection and
 * version (as on SQLite, sqlite/search-table.ts).
 */
import type pg from 'pg';
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

const HIT =
  'SELECT t.term, v.stix_id, v.collection, t.field, t.seq, v.version FROM search_terms AS t' +
  ' JOIN versions AS v ON v.seq = t.seq';

/** Statements over search_terms. */
export class SearchTable {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async #hits(text: string, values: unknown[]): Promise<SearchHit[]> {
    const { rows } = await this.#pool.query<HitRow>({ text, values, rowMode: 'array' });
    return rows.map(toHit);
  }

  /** See SearchStore.searchTerms. */
  search(q: SearchQuery): Promise<SearchHit[]> {
    const values: unknown[] = [q.prefix, q.prefix + TOP, q.limit];
    let where = 'WHERE t.term >= $1::text COLLATE "C" AND t.term < $2::text COLLATE "C"';
    if (q.after !== undefined) {
      values.push(q.after.term, q.after.seq);
      where += ` AND (t.term, t.seq) > ($${values.length - 1}::text COLLATE "C", $${values.length})`;
    }
    if (q.types !== undefined && q.types.length > 0) {
      values.push(q.types);
      where += ` AND v.type = ANY($${values.length})`;
    }
    return this.#hits(`${HIT} ${where} ORDER BY t.term, t.seq, t.field LIMIT $3`, values);
  }

  /** See SearchStore.lookupTerms: one statement for the whole list, at most perTerm hits each. */
  lookup(terms: readonly string[], perTerm: number): Promise<SearchHit[]> {
    return this.#hits(
      'SELECT h.term, h.stix_id, h.collection, h.field, h.seq, h.version' +
        ' FROM unnest($1::text[]) WITH ORDINALITY AS q (term, n), LATERAL (' +
        `${HIT} WHERE t.term = q.term COLLATE "C" ORDER BY t.seq, t.field LIMIT $2) AS h` +
        ' ORDER BY q.n, h.seq, h.field',
      [[...new Set(terms)], perTerm],
    );
  }

  /** See SearchStore.referencesTo. */
  referencesTo(id: string, limit: number): Promise<SearchHit[]> {
    return this.#hits(`${HIT} WHERE t.term = $1::text COLLATE "C" ORDER BY t.seq, t.field LIMIT $2`, [
      referenceTerm(id),
      limit,
    ]);
  }
}
