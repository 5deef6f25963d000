/**
 * TAXII status resources on PostgreSQL (TAXII 2.1 section 4.3.1). Successes given with their
 * seqs are kept by reference (seq differences, as on SQLite) and resolved on reading through
 * versions or, once deleted, deleted_versions. Written without waiting for the disk: the
 * versions it reports on were committed and synced by addVersions.
 */
import type pg from 'pg';
import { seqDeltas, seqsOf } from '../sqlite/version-names.js';
import type { StatusDetail, StatusRecord } from '../statuses.js';
import { StoreError } from '../store-error.js';
import { inTransaction } from './pool.js';

/** Statements over the statuses table. */
export class StatusTable {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Creates or replaces a status; see Store.putStatus. */
  async put(status: StatusRecord): Promise<void> {
    const { successSeqs, ...record } = status;
    const byReference =
      successSeqs !== undefined &&
      successSeqs.length === status.successes.length &&
      successSeqs.every((s) => Number.isSafeInteger(s) && s > 0) &&
      status.successes.every((d) => d.message === undefined);
    const stored = byReference ? { ...record, successes: [] } : record;
    await inTransaction(
      this.#pool,
      (client) =>
        client.query(
          'INSERT INTO statuses (id, collection, owner_org, record, success_seqs) VALUES ($1, $2, $3, $4, $5)' +
            ' ON CONFLICT (id) DO UPDATE SET collection = excluded.collection, owner_org = excluded.owner_org,' +
            ' record = excluded.record, success_seqs = excluded.success_seqs',
          [
            status.id,
            status.collectionId,
            status.ownerOrg,
            JSON.stringify(stored),
            byReference ? JSON.stringify(seqDeltas(successSeqs)) : null,
          ],
        ),
      { unsynced: true },
    );
  }

  async get(id: string): Promise<StatusRecord | undefined> {
    const { rows } = await this.#pool.query<{ record: string; success_seqs: string | null }>(
      'SELECT record, success_seqs FROM statuses WHERE id = $1',
      [id],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    const record = JSON.parse(row.record) as StatusRecord;
    if (row.success_seqs === null) return record;
    const seqs = seqsOf(JSON.parse(row.success_seqs) as number[]);
    const names = await this.#pool.query<{ seq: number; stix_id: string | null; version: string | null }>(
      'SELECT s.seq, coalesce(v.stix_id, d.stix_id) AS stix_id, coalesce(v.version, d.version) AS version' +
        ' FROM unnest($1::bigint[]) AS s (seq) LEFT JOIN versions AS v ON v.seq = s.seq' +
        ' LEFT JOIN deleted_versions AS d ON d.seq = s.seq',
      [seqs],
    );
    const bySeq = new Map(names.rows.map((r) => [r.seq, r]));
    const successes = seqs.map((seq): StatusDetail => {
      const found = bySeq.get(seq);
      if (found?.stix_id == null || found.version == null)
        throw new StoreError(
          'STORE_BACKEND_FAILURE',
          `status ${id} names version seq ${seq}, which is not recorded`,
        );
      return { id: found.stix_id, version: found.version };
    });
    return { ...record, successes };
  }
}
