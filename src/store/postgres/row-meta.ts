/**
 * The row_meta dictionary on PostgreSQL: each distinct (type, spec_version, producer, origin,
 * marking set) is stored once and referenced by id. Entries are never changed or removed, so a
 * process caches them for good. New ids are made in their own short transaction under an
 * advisory lock: ids then commit in increasing order, so "every id after the last one known"
 * finds every id another process has added, none skipped.
 */
import type pg from 'pg';
import type { RowMeta } from '../sqlite/row-meta.js';
import { StoreError } from '../store-error.js';
import { inTransaction } from './pool.js';

export type { RowMeta };

// Marking ids contain no spaces (STIX 2.1 section 2.7 identifiers), so a space joins them unambiguously.
const SEPARATOR = ' ';
/** The advisory lock key of row_meta inserts. */
const ROW_META_LOCK = 0x726f776d6574; // "rowmet" in ASCII

type MetaRow = {
  meta_id: number;
  type: string;
  spec_version: string;
  producer_org: string;
  origin: string;
  marking_refs: string;
};

function metaOf(row: MetaRow): RowMeta {
  return Object.freeze({
    type: row.type,
    specVersion: row.spec_version,
    producerOrg: row.producer_org,
    origin: row.origin,
    markingRefs: Object.freeze(row.marking_refs === '' ? [] : row.marking_refs.split(SEPARATOR)),
  });
}

const keyOf = (m: RowMeta, refs: string) =>
  JSON.stringify([m.type, m.specVersion, m.producerOrg, m.origin, refs]);

/** Reads and extends row_meta with in-memory caches in both directions. */
export class RowMetaDictionary {
  readonly #pool: pg.Pool;
  readonly #byId = new Map<number, RowMeta>();
  readonly #byKey = new Map<string, number>();
  readonly #ids: number[] = [];

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** The ids of every combination in `metas`, inserting the new ones (committed before returning). */
  async idsFor(metas: readonly RowMeta[]): Promise<number[]> {
    const missing = new Map<string, RowMeta>();
    for (const m of metas) {
      const key = keyOf(m, m.markingRefs.join(SEPARATOR));
      if (!this.#byKey.has(key)) missing.set(key, m);
    }
    if (missing.size > 0) await this.#add([...missing.values()]);
    return metas.map((m) => this.#byKey.get(keyOf(m, m.markingRefs.join(SEPARATOR))) as number);
  }

  async #add(metas: readonly RowMeta[]): Promise<void> {
    const cols = [[], [], [], [], []] as string[][];
    for (const m of metas) {
      cols[0]?.push(m.type);
      cols[1]?.push(m.specVersion);
      cols[2]?.push(m.producerOrg);
      cols[3]?.push(m.origin);
      cols[4]?.push(m.markingRefs.join(SEPARATOR));
    }
    const rows = await inTransaction(this.#pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [ROW_META_LOCK]);
      await client.query(
        'INSERT INTO row_meta (meta_id, type, spec_version, producer_org, origin, marking_refs)' +
          ' SELECT (SELECT coalesce(max(meta_id), 0) FROM row_meta) + row_number() OVER (), n.*' +
          ' FROM (SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])) AS n (t, s, p, o, r)' +
          ' WHERE NOT EXISTS (SELECT 1 FROM row_meta AS m WHERE m.type = n.t AND m.spec_version = n.s' +
          ' AND m.producer_org = n.p AND m.origin = n.o AND m.marking_refs = n.r)',
        cols,
      );
      const found = await client.query<MetaRow>(
        'SELECT m.* FROM row_meta AS m JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])' +
          ' AS n (t, s, p, o, r) ON m.type = n.t AND m.spec_version = n.s AND m.producer_org = n.p' +
          ' AND m.origin = n.o AND m.marking_refs = n.r',
        cols,
      );
      return found.rows;
    });
    for (const row of rows) this.#remember(row);
  }

  #remember(row: MetaRow): void {
    if (this.#byId.has(row.meta_id)) return;
    this.#byId.set(row.meta_id, metaOf(row));
    this.#byKey.set(keyOf(metaOf(row), row.marking_refs), row.meta_id);
  }

  /** Every committed id, in order: only those after the last one known are read again. */
  async ids(): Promise<readonly number[]> {
    const last = this.#ids[this.#ids.length - 1] ?? 0;
    const { rows } = await this.#pool.query<MetaRow>(
      'SELECT * FROM row_meta WHERE meta_id > $1 ORDER BY meta_id',
      [last],
    );
    for (const row of rows) {
      this.#remember(row);
      this.#ids.push(row.meta_id);
    }
    return this.#ids;
  }

  /** The ids read so far, in order, without asking the database (ids() extends them). */
  known(): readonly number[] {
    return this.#ids;
  }

  /** The facts of an id already read (by ids() or a write); reads it when not. */
  async load(ids: Iterable<number>): Promise<void> {
    const unknown = [...new Set(ids)].filter((id) => !this.#byId.has(id));
    if (unknown.length === 0) return;
    const { rows } = await this.#pool.query<MetaRow>('SELECT * FROM row_meta WHERE meta_id = ANY($1)', [
      unknown,
    ]);
    for (const row of rows) this.#remember(row);
  }

  /** The facts of an id loaded before (the same frozen object for every row that shares it). */
  get(id: number): RowMeta {
    const meta = this.#byId.get(id);
    if (meta === undefined) throw new StoreError('STORE_BACKEND_FAILURE', `row_meta ${id} is missing`);
    return meta;
  }
}
