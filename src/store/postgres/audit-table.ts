/**
 * The append-only audit log on PostgreSQL (UPDATE and DELETE are refused by triggers), laid out
 * as on SQLite (sqlite/audit-table.ts): events that differ only in the object they name share
 * one audit_log row, and the objects are rows of audit_objects in order, a Disclosure's versions
 * as runs of consecutive seqs. Disclosure batches commit with synchronous_commit = off.
 */
import type pg from 'pg';
import type { AuditEvent, AuditPage, AuditQuery, Disclosure, RecentAuditQuery } from '../audit.js';
import { DISCLOSURES, type EventRow, MAX_RUN, micros, runsOf, sameRow, toEvent } from '../audit-rows.js';
import { StoreError } from '../store-error.js';
import { inTransaction } from './pool.js';

/** One event per row of `rows` (its WHERE and LIMIT), runs of seqs expanded, in order. */
function eventsSql(rows: string): string {
  return (
    'SELECT a.at, a.action, a.org_id, a.username, a.object_id, a.object_version, a.marking, a.detail,' +
    ' o.position, o.seq + k.n, COALESCE(v.stix_id, d.stix_id, o.object_id),' +
    ' COALESCE(v.version, d.version, o.object_version), o.marking' +
    ` FROM (${rows}) AS a LEFT JOIN audit_objects AS o ON o.audit_id = a.id` +
    ' LEFT JOIN LATERAL generate_series(0, o.seq_count - 1) AS k (n) ON true' +
    ' LEFT JOIN versions AS v ON v.seq = o.seq + k.n' +
    ' LEFT JOIN deleted_versions AS d ON d.seq = o.seq + k.n AND v.seq IS NULL' +
    ' ORDER BY a.at_micros, a.id, o.position, k.n'
  );
}

const ROW_COLUMNS = 'id, at, at_micros, action, org_id, username, object_id, object_version, marking, detail';
const SINCE_AND_ORG = 'at_micros >= $1 AND ($2::text IS NULL OR org_id = $2)';

const LIST = eventsSql(
  `SELECT ${ROW_COLUMNS} FROM audit_log WHERE ${SINCE_AND_ORG} ORDER BY at_micros, id LIMIT $3`,
);

// The rows naming one object: itself, by id in audit_objects, or by the seq of any of its
// versions (found through the (collection, stix_id) index, deleted ones through theirs; a run
// holding seq s starts within MAX_RUN before it: a bounded range of the index).
const LIST_OBJECT = eventsSql(
  `SELECT ${ROW_COLUMNS} FROM audit_log WHERE ${SINCE_AND_ORG} AND id IN (` +
    'SELECT id FROM audit_log WHERE object_id = $3' +
    ' UNION SELECT audit_id FROM audit_objects WHERE object_id = $3' +
    ' UNION SELECT o.audit_id FROM (SELECT v.seq FROM collections AS c JOIN versions AS v' +
    ' ON v.collection = c.id AND v.stix_id = $3' +
    ' UNION ALL SELECT seq FROM deleted_versions WHERE stix_id = $3) AS s' +
    ` JOIN audit_objects AS o ON o.seq BETWEEN s.seq - ${MAX_RUN - 1} AND s.seq AND s.seq < o.seq + o.seq_count)` +
    ' ORDER BY at_micros, id',
);

const RECORD_EVENTS = eventsSql(`SELECT ${ROW_COLUMNS} FROM audit_log WHERE id = ANY($1)`);

const INSERT_ROW =
  'INSERT INTO audit_log (at, at_micros, action, org_id, username, object_id, object_version, marking, detail)' +
  ' VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id';

/** Statements over audit_log and audit_objects. */
export class AuditTable {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Appends several events in one transaction (all or none); see Store.appendAudit for when it syncs. */
  async appendAll(events: readonly AuditEvent[]): Promise<void> {
    const rows = events.map((e) => micros(e.at, 'audit event at'));
    const unsynced = events.every((e) => DISCLOSURES.has(e.action));
    await inTransaction(
      this.#pool,
      async (client) => {
        for (let i = 0; i < events.length; ) {
          let end = i + 1;
          while (end < events.length && sameRow(events[i] as AuditEvent, events[end] as AuditEvent)) end++;
          const e = events[i] as AuditEvent;
          const single = end - i === 1;
          const inserted = await client.query<{ id: number }>(INSERT_ROW, [
            e.at,
            rows[i],
            e.action,
            e.orgId,
            e.username ?? null,
            single ? (e.objectId ?? null) : null,
            single ? (e.objectVersion ?? null) : null,
            single ? (e.marking ?? null) : null,
            e.detail ?? null,
          ]);
          if (!single) {
            const group = events.slice(i, end);
            await client.query(
              'INSERT INTO audit_objects (audit_id, position, object_id, object_version, marking)' +
                ' SELECT $1, u.p - 1, u.i, u.v, u.m FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u (i, v, m, p)',
              [
                inserted.rows[0]?.id,
                group.map((g) => g.objectId as string),
                group.map((g) => g.objectVersion ?? null),
                group.map((g) => g.marking ?? null),
              ],
            );
          }
          i = end;
        }
      },
      { unsynced },
    );
  }

  /**
   * Appends a decision unless one of the same action, object and version is recorded; see
   * Store.appendAuditOnce. A transaction-scoped advisory lock on the decision's key makes the
   * check and the insert one step for every process sharing the database.
   */
  async appendOnce(e: AuditEvent): Promise<boolean> {
    if (e.objectId === undefined)
      throw new StoreError('STORE_INVALID_RECORD', 'appendAuditOnce: the event must name an object');
    const at = micros(e.at, 'audit event at');
    const version = e.objectVersion ?? null;
    return inTransaction(this.#pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        JSON.stringify(['audit-once', e.action, e.objectId, version]),
      ]);
      const recorded = await client.query(
        'SELECT 1 FROM audit_log WHERE object_id = $1 AND action = $2 AND object_version IS NOT DISTINCT FROM $3' +
          ' UNION ALL SELECT 1 FROM audit_objects AS o JOIN audit_log AS a ON a.id = o.audit_id' +
          ' WHERE o.object_id = $1 AND a.action = $2 AND o.object_version IS NOT DISTINCT FROM $3 LIMIT 1',
        [e.objectId, e.action, version],
      );
      if (recorded.rowCount !== 0) return false;
      await client.query(INSERT_ROW, [
        e.at,
        at,
        e.action,
        e.orgId,
        e.username ?? null,
        e.objectId,
        version,
        e.marking ?? null,
        e.detail ?? null,
      ]);
      return true;
    });
  }

  /** Appends one Disclosure as one row and its runs of versions, committed as disclosure events are. */
  async appendDisclosure(d: Disclosure): Promise<void> {
    if (!DISCLOSURES.has(d.action))
      throw new StoreError('STORE_INVALID_RECORD', `disclosure action: not read or send: ${d.action}`);
    const { seqs, markings } = d;
    if (seqs.length !== markings.length || !seqs.every((s) => Number.isSafeInteger(s) && s > 0))
      throw new StoreError(
        'STORE_INVALID_RECORD',
        'disclosure: one positive integer seq per marking expected',
      );
    if (!markings.every((m) => typeof m === 'string'))
      throw new StoreError('STORE_INVALID_RECORD', 'disclosure: markings must be strings');
    if (seqs.length === 0) return;
    const at = micros(d.at, 'audit event at');
    const runs = runsOf(d);
    await inTransaction(
      this.#pool,
      async (client) => {
        const inserted = await client.query<{ id: number }>(INSERT_ROW, [
          d.at,
          at,
          d.action,
          d.orgId,
          d.username ?? null,
          null,
          null,
          null,
          null,
        ]);
        await client.query(
          'INSERT INTO audit_objects (audit_id, position, seq, seq_count, marking)' +
            ' SELECT $1, u.p - 1, u.s, u.c, u.m FROM unnest($2::bigint[], $3::integer[], $4::text[]) WITH ORDINALITY AS u (s, c, m, p)',
          [inserted.rows[0]?.id, runs.map((r) => r[0]), runs.map((r) => r[1]), runs.map((r) => r[2])],
        );
      },
      { unsynced: true },
    );
  }

  /** Events at or after `since`, of one organisation, about one object, oldest first. */
  async list(q: AuditQuery): Promise<AuditEvent[]> {
    const since = q.since === undefined ? Number.MIN_SAFE_INTEGER : micros(q.since, 'audit query since');
    const org = q.orgId ?? null;
    const limit = q.limit === undefined ? undefined : Math.max(0, Math.floor(q.limit));
    if (q.objectId !== undefined) {
      const object = q.objectId;
      const { rows } = await this.#pool.query<EventRow>({
        text: LIST_OBJECT,
        values: [since, org, object],
        rowMode: 'array',
      });
      const events = rows.map(toEvent).filter((e) => e.objectId === object);
      return limit === undefined ? events : events.slice(0, limit);
    }
    // Every row holds at least one event, so `limit` rows hold at least `limit` events.
    const { rows } = await this.#pool.query<EventRow>({
      text: LIST,
      values: [since, org, limit ?? null],
      rowMode: 'array',
    });
    const events = rows.map(toEvent);
    return limit === undefined ? events : events.slice(0, limit);
  }

  /** See AuditStore.listRecentAudit: records newest first; `before` is "at_micros.id" of the last one. */
  async recent(q: RecentAuditQuery): Promise<AuditPage> {
    let before: [number, number] = [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
    if (q.before !== undefined) {
      const m = /^(-?\d{1,16})\.(\d{1,16})$/.exec(q.before);
      if (m === null) throw new StoreError('STORE_BAD_CURSOR', 'malformed audit position');
      before = [Number(m[1]), Number(m[2])];
    }
    const limit = Math.max(1, Math.floor(q.limit));
    const { rows } = await this.#pool.query<{ id: number; at_micros: number }>(
      'SELECT id, at_micros FROM audit_log WHERE (at_micros, id) < ($1, $2) AND ($3::text IS NULL OR org_id = $3)' +
        ' ORDER BY at_micros DESC, id DESC LIMIT $4',
      [before[0], before[1], q.orgId ?? null, limit],
    );
    const listed = await this.#pool.query<EventRow>({
      text: RECORD_EVENTS,
      values: [rows.map((r) => r.id)],
      rowMode: 'array',
    });
    const events = listed.rows.map(toEvent);
    const last = rows[rows.length - 1];
    return {
      events: events.reverse(),
      ...(last !== undefined && rows.length >= q.limit ? { next: `${last.at_micros}.${last.id}` } : {}),
    };
  }
}
