/**
 * TAXII status resources (TAXII 2.1 section 4.3.1). A record whose successes come with their
 * seqs keeps them by reference: the seqs as differences from the previous one (a batch's seqs
 * are close together), resolved on reading through `versions` or, once deleted,
 * `deleted_versions` (seqs are never reused). A 500-object POST's record then takes about a
 * kilobyte instead of about fifty.
 */
import type Database from 'better-sqlite3';
import type { StatusDetail, StatusRecord } from '../statuses.js';
import { StoreError } from '../store-error.js';
import type { UnsyncedCommit } from './unsynced-commit.js';
import { seqDeltas, seqsOf, VersionNames } from './version-names.js';

/** Prepared statements over the statuses table. */
export class StatusTable {
  readonly #unsynced: UnsyncedCommit;
  readonly #s;
  readonly #names: VersionNames;

  constructor(db: Database.Database, unsynced: UnsyncedCommit) {
    this.#unsynced = unsynced;
    this.#names = new VersionNames(db);
    this.#s = {
      put: db.prepare(
        'INSERT INTO statuses (id, collection, owner_org, record, success_seqs) VALUES (?, ?, ?, ?, ?)' +
          ' ON CONFLICT (id) DO UPDATE SET collection = excluded.collection, owner_org = excluded.owner_org,' +
          ' record = excluded.record, success_seqs = excluded.success_seqs',
      ),
      get: db.prepare('SELECT record, success_seqs FROM statuses WHERE id = ?').raw(),
    };
  }

  /** Creates or replaces a status (a pending status is updated as its objects complete); see Store.putStatus. */
  put(status: StatusRecord): void {
    const { successSeqs, ...record } = status;
    const byReference =
      successSeqs !== undefined &&
      successSeqs.length === status.successes.length &&
      successSeqs.every((s) => Number.isSafeInteger(s) && s > 0) &&
      status.successes.every((d) => d.message === undefined);
    const stored = byReference ? { ...record, successes: [] } : record;
    this.#unsynced.run(() =>
      this.#s.put.run(
        status.id,
        status.collectionId,
        status.ownerOrg,
        JSON.stringify(stored),
        byReference ? JSON.stringify(seqDeltas(successSeqs)) : null,
      ),
    );
  }

  get(id: string): StatusRecord | undefined {
    const row = this.#s.get.get(id) as [string, string | null] | undefined;
    if (row === undefined) return undefined;
    const record = JSON.parse(row[0]) as StatusRecord;
    if (row[1] === null) return record;
    const successes = seqsOf(JSON.parse(row[1]) as number[]).map((seq): StatusDetail => {
      const found = this.#names.of(seq);
      if (found === undefined)
        throw new StoreError(
          'STORE_BACKEND_FAILURE',
          `status ${id} names version seq ${seq}, which is not recorded`,
        );
      return { id: found[0], version: found[1] };
    });
    return { ...record, successes };
  }
}
