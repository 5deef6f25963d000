/** The append-only audit log (UPDATE and DELETE are refused by triggers in the schema). */
import type Database from 'better-sqlite3';
import type { AuditEvent, AuditQuery } from '../audit.js';
import { StoreError } from '../store-error.js';
import { parseTimestampMicros } from '../timestamp-micros.js';

// SQLite reads LIMIT -1 as "no limit".
const DEFAULT_LIMIT = -1;
const OPTIONAL = ['username', 'objectId', 'objectVersion', 'marking', 'detail'] as const;

type AuditRow = { at: string; action: string; orgId: string } & Record<
  (typeof OPTIONAL)[number],
  string | null
>;

function toEvent(row: AuditRow): AuditEvent {
  const event: Record<string, string> = { at: row.at, action: row.action, orgId: row.orgId };
  for (const key of OPTIONAL) {
    const value = row[key];
    if (value !== null) event[key] = value;
  }
  return event as unknown as AuditEvent;
}

function micros(at: string, what: string): number {
  const us = parseTimestampMicros(at);
  if (us === undefined) throw new StoreError('STORE_INVALID_RECORD', `${what}: not a STIX timestamp: ${at}`);
  return us;
}

/** Prepared statements over audit_log. */
export class AuditTable {
  readonly #s;
  readonly #appendAll: (events: readonly AuditEvent[]) => void;

  constructor(db: Database.Database) {
    const cols =
      'at, action, org_id AS orgId, username, object_id AS objectId, object_version AS objectVersion, marking, detail';
    const where = 'WHERE at_micros >= ? AND (? IS NULL OR org_id = ?)';
    this.#s = {
      append: db.prepare(
        'INSERT INTO audit_log (at, at_micros, action, org_id, username, object_id, object_version, marking, detail)' +
          ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      list: db.prepare(`SELECT ${cols} FROM audit_log ${where} ORDER BY at_micros, id LIMIT ?`),
    };
    this.#appendAll = db.transaction((events: readonly AuditEvent[]) => {
      for (const e of events) this.append(e);
    });
  }

  /** Appends several events in one transaction (one sync to disk, all or none). */
  appendAll(events: readonly AuditEvent[]): void {
    this.#appendAll(events);
  }

  append(e: AuditEvent): void {
    this.#s.append.run(
      e.at,
      micros(e.at, 'audit event at'),
      e.action,
      e.orgId,
      e.username ?? null,
      e.objectId ?? null,
      e.objectVersion ?? null,
      e.marking ?? null,
      e.detail ?? null,
    );
  }

  /** Events at or after `since`, of one organisation when `orgId` is given, oldest first. */
  list(q: AuditQuery): AuditEvent[] {
    const since = q.since === undefined ? Number.MIN_SAFE_INTEGER : micros(q.since, 'audit query since');
    const org = q.orgId ?? null;
    const limit = q.limit === undefined ? DEFAULT_LIMIT : Math.max(0, Math.floor(q.limit));
    return (this.#s.list.all(since, org, org, limit) as AuditRow[]).map(toEvent);
  }
}
