/**
 * The row_meta dictionary: each distinct (type, spec_version, producer, origin, marking set) is
 * stored once and referenced by id, so feed reads fetch one integer instead of five strings.
 * Entries are never changed or removed, so both caches stay valid across processes; an id
 * created inside a write transaction is cached only once that transaction commits (a rolled-back
 * id could otherwise be reused by SQLite for different facts).
 */
import type Database from 'better-sqlite3';
import { StoreError } from '../store-error.js';

/** The per-row facts a row_meta entry holds. */
export interface RowMeta {
  readonly type: string;
  readonly specVersion: string;
  readonly producerOrg: string;
  readonly origin: string;
  readonly markingRefs: readonly string[];
}

// Marking ids contain no spaces (STIX 2.1 section 2.7 identifiers), so a space joins them unambiguously.
const SEPARATOR = ' ';

/** Reads and extends the row_meta dictionary with in-memory caches in both directions. */
export class RowMetaDictionary {
  readonly #byId = new Map<number, RowMeta>();
  readonly #byKey = new Map<string, number>();
  readonly #pending = new Map<string, number>();
  readonly #ids: number[] = [];
  /** The combination asked for last: consecutive rows of a batch almost always share it. */
  #last: (Omit<RowMeta, 'markingRefs'> & { readonly refs: string; readonly id: number }) | undefined;
  readonly #s;

  constructor(db: Database.Database) {
    const cols = 'type, spec_version, producer_org, origin, marking_refs';
    this.#s = {
      get: db.prepare(`SELECT ${cols} FROM row_meta WHERE meta_id = ?`).raw(),
      after: db.prepare('SELECT meta_id FROM row_meta WHERE meta_id > ? ORDER BY meta_id').pluck(),
      find: db
        .prepare(
          'SELECT meta_id FROM row_meta WHERE type = ? AND spec_version = ? AND producer_org = ? AND origin = ?' +
            ' AND marking_refs = ?',
        )
        .pluck(),
      insert: db.prepare(`INSERT INTO row_meta (${cols}) VALUES (?, ?, ?, ?, ?)`),
    };
  }

  /** The id of a combination, inserting it when new; call inside the write transaction. */
  idFor(meta: RowMeta): number {
    const refs = meta.markingRefs.join(SEPARATOR);
    const last = this.#last;
    if (
      last !== undefined &&
      last.refs === refs &&
      last.type === meta.type &&
      last.specVersion === meta.specVersion &&
      last.producerOrg === meta.producerOrg &&
      last.origin === meta.origin
    )
      return last.id;
    const id = this.#lookup(meta, refs);
    const { type, specVersion, producerOrg, origin } = meta;
    this.#last = { type, specVersion, producerOrg, origin, refs, id };
    return id;
  }

  #lookup(meta: RowMeta, refs: string): number {
    const key = JSON.stringify([meta.type, meta.specVersion, meta.producerOrg, meta.origin, refs]);
    const cached = this.#byKey.get(key) ?? this.#pending.get(key);
    if (cached !== undefined) return cached;
    const args = [meta.type, meta.specVersion, meta.producerOrg, meta.origin, refs] as const;
    let id = this.#s.find.get(...args) as number | undefined;
    if (id === undefined) id = Number(this.#s.insert.run(...args).lastInsertRowid);
    this.#pending.set(key, id);
    return id;
  }

  /** Ends the write transaction that called idFor: keeps its new ids if it committed, forgets them if not. */
  settle(committed: boolean): void {
    if (committed) for (const [key, id] of this.#pending) this.#byKey.set(key, id);
    else this.#last = undefined; // it may be an id of the rolled-back transaction
    this.#pending.clear();
  }

  /**
   * Every id committed so far, in order (reads never run inside a write transaction): ids are
   * never removed, so only those after the last one listed are read again.
   */
  ids(): readonly number[] {
    const last = this.#ids[this.#ids.length - 1] ?? 0;
    for (const id of this.#s.after.all(last) as number[]) this.#ids.push(id);
    return this.#ids;
  }
  /** The facts of an id (cached; the same frozen object for every row that shares it). */
  get(id: number): RowMeta {
    const cached = this.#byId.get(id);
    if (cached !== undefined) return cached;
    const row = this.#s.get.get(id) as [string, string, string, string, string] | undefined;
    if (row === undefined) throw new StoreError('STORE_BACKEND_FAILURE', `row_meta ${id} is missing`);
    const meta: RowMeta = Object.freeze({
      type: row[0],
      specVersion: row[1],
      producerOrg: row[2],
      origin: row[3],
      markingRefs: Object.freeze(row[4] === '' ? [] : row[4].split(SEPARATOR)),
    });
    this.#byId.set(id, meta);
    return meta;
  }
}
