/**
 * The append-only audit log (UPDATE and DELETE are refused by triggers in the schema).
 * Events that differ only in the object they name (one response disclosing a page of
 * restricted versions) share one audit_log row, and the objects it names are rows of
 * audit_objects in order: runs of consecutive seqs for a Disclosure (a page in feed order is
 * one run or a few, resolved through `versions` or, once deleted, `deleted_versions`), else by
 * id and version.
 * audit_objects is indexed by seq and by id, so the events about one object are found without
 * reading the others. Reading expands rows back, in order, so callers see one event per object.
 */
import type Database from 'better-sqlite3';
import type { AuditEvent, AuditPage, AuditQuery, Disclosure, RecentAuditQuery } from '../audit.js';
import { DISCLOSURES, type EventRow, MAX_RUN, micros, runsOf, sameRow, toEvent } from '../audit-rows.js';
import { StoreError } from '../store-error.js';
import type { UnsyncedCommit } from './unsynced-commit.js';

// SQLite reads LIMIT -1 as "no limit".
const DEFAULT_LIMIT = -1;

/**
 * The audit rows a list reads (`rows`, with its WHERE and LIMIT), one row per event, in order:
 * each run of seqs expands through the numbers 0..MAX_RUN-1 (`k`).
 */
function eventsSql(rows: string): string {
  return (
    `WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < ${MAX_RUN - 1})` +
    ' SELECT a.at, a.action, a.org_id, a.username, a.object_id, a.object_version, a.marking, a.detail,' +
    ' o.position, o.seq + k.n, COALESCE(v.stix_id, d.stix_id, o.object_id),' +
    ' COALESCE(v.version, d.version, o.object_version), o.marking' +
    ` FROM (${rows}) AS a LEFT JOIN audit_objects AS o ON o.audit_id = a.id` +
    ' LEFT JOIN k ON o.seq IS NOT NULL AND k.n < o.seq_count' +
    ' LEFT JOIN versions AS v ON v.seq = o.seq + k.n' +
    ' LEFT JOIN deleted_versions AS d ON d.seq = o.seq + k.n AND v.seq IS NULL' +
    ' ORDER BY a.at_micros, a.id, o.position, k.n'
  );
}

const ROW_COLUMNS = 'id, at, at_micros, action, org_id, username, object_id, object_version, marking, detail';
const SINCE_AND_ORG = 'at_micros >= ? AND (? IS NULL OR org_id = ?)';

/** Prepared statements over audit_log and audit_objects. */
export class AuditTable {
  readonly #unsynced: UnsyncedCommit;
  readonly #s;
  readonly #appendAll: (events: readonly AuditEvent[]) => void;
  readonly #appendDisclosure: (d: Disclosure, at: number) => void;
  readonly #appendOnce: Database.Transaction<(e: AuditEvent) => boolean>;

  constructor(db: Database.Database, unsynced: UnsyncedCommit) {
    this.#unsynced = unsynced;
    this.#s = {
      append: db.prepare(
        'INSERT INTO audit_log (at, at_micros, action, org_id, username, object_id, object_version, marking, detail)' +
          ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      listed: db.prepare(
        'INSERT INTO audit_objects (audit_id, position, object_id, object_version, marking) VALUES (?, ?, ?, ?, ?)',
      ),
      // A page's runs in one statement (a disclosure names up to a thousand versions).
      listedRuns: db.prepare(
        'INSERT INTO audit_objects (audit_id, position, seq, seq_count, marking)' +
          ' SELECT ?, j.key, j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(?) AS j',
      ),
      // An event naming this object with this action, on its own row or among a group's objects.
      recorded: db
        .prepare(
          'SELECT 1 FROM audit_log WHERE object_id = @object AND action = @action AND object_version IS @version' +
            ' UNION ALL SELECT 1 FROM audit_objects AS o JOIN audit_log AS a ON a.id = o.audit_id' +
            ' WHERE o.object_id = @object AND a.action = @action AND o.object_version IS @version LIMIT 1',
        )
        .pluck(),
      list: db
        .prepare(
          eventsSql(
            `SELECT ${ROW_COLUMNS} FROM audit_log WHERE ${SINCE_AND_ORG} ORDER BY at_micros, id LIMIT ?`,
          ),
        )
        .raw(),
      // Newest first: the page's rows by (at_micros, id) descending, then their events.
      recentRows: db
        .prepare(
          'SELECT id, at_micros FROM audit_log WHERE (at_micros, id) < (?, ?) AND (? IS NULL OR org_id = ?)' +
            ' ORDER BY at_micros DESC, id DESC LIMIT ?',
        )
        .raw(),
      rowEvents: db
        .prepare(
          eventsSql(`SELECT ${ROW_COLUMNS} FROM audit_log WHERE id IN (SELECT value FROM json_each(?))`),
        )
        .raw(),
      // The rows naming one object: itself, by id in audit_objects, or by the seq of any of its
      // versions (found through the (collection, stix_id) index, deleted ones through theirs).
      listObject: db
        .prepare(
          eventsSql(
            `SELECT ${ROW_COLUMNS} FROM audit_log WHERE ${SINCE_AND_ORG} AND id IN (` +
              'SELECT id FROM audit_log WHERE object_id = ?1' +
              ' UNION SELECT audit_id FROM audit_objects WHERE object_id = ?1' +
              // A run holding seq s starts within MAX_RUN before it: a bounded range of the index.
              ' UNION SELECT o.audit_id FROM (' +
              'SELECT v.seq FROM collections AS c JOIN versions AS v ON v.collection = c.id AND v.stix_id = ?1' +
              ' UNION ALL SELECT seq FROM deleted_versions WHERE stix_id = ?1) AS s' +
              ` JOIN audit_objects AS o ON o.seq BETWEEN s.seq - ${MAX_RUN - 1} AND s.seq AND s.seq < o.seq + o.seq_count)` +
              ' ORDER BY at_micros, id',
          ).replace(/\?1/g, '@object'),
        )
        .raw(),
    };
    this.#appendAll = db.transaction((events: readonly AuditEvent[]) => {
      for (let i = 0; i < events.length; ) {
        let end = i + 1;
        while (end < events.length && sameRow(events[i] as AuditEvent, events[end] as AuditEvent)) end++;
        if (end - i === 1) this.append(events[i] as AuditEvent);
        else this.#appendGroup(events.slice(i, end));
        i = end;
      }
    });
    this.#appendOnce = db.transaction((e: AuditEvent) => {
      const key = { object: e.objectId, action: e.action, version: e.objectVersion ?? null };
      if (this.#s.recorded.get(key) !== undefined) return false;
      this.append(e);
      return true;
    });
    this.#appendDisclosure = db.transaction((d: Disclosure, at: number) => {
      const id = this.#insertRow(d.at, at, d.action, d.orgId, d.username ?? null, null, null, null, null);
      this.#s.listedRuns.run(id, JSON.stringify(runsOf(d)));
    });
  }

  /** Appends several events in one transaction (all or none); see Store.appendAudit for when it syncs. */
  appendAll(events: readonly AuditEvent[]): void {
    if (!events.every((e) => DISCLOSURES.has(e.action))) {
      this.#appendAll(events);
      return;
    }
    this.#unsynced.run(() => this.#appendAll(events));
  }

  /** Appends one Disclosure as one row and its versions, committed as disclosure events are. */
  appendDisclosure(d: Disclosure): void {
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
    this.#unsynced.run(() => this.#appendDisclosure(d, at));
  }

  /** Appends a decision unless recorded (IMMEDIATE: the check holds the write lock); see Store.appendAuditOnce. */
  appendOnce(e: AuditEvent): boolean {
    if (e.objectId === undefined)
      throw new StoreError('STORE_INVALID_RECORD', 'appendAuditOnce: the event must name an object');
    return this.#appendOnce.immediate(e);
  }

  append(e: AuditEvent): void {
    this.#insertRow(
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

  /** One row for events that differ only in the object they name. */
  #appendGroup(group: readonly AuditEvent[]): void {
    const e = group[0] as AuditEvent;
    const id = this.#insertRow(
      e.at,
      micros(e.at, 'audit event at'),
      e.action,
      e.orgId,
      e.username ?? null,
      null,
      null,
      null,
      e.detail ?? null,
    );
    group.forEach((g, i) => {
      this.#s.listed.run(id, i, g.objectId as string, g.objectVersion ?? null, g.marking ?? null);
    });
  }

  #insertRow(
    at: string,
    atMicros: number,
    action: string,
    orgId: string,
    username: string | null,
    objectId: string | null,
    objectVersion: string | null,
    marking: string | null,
    detail: string | null,
  ): number {
    const info = this.#s.append.run(
      at,
      atMicros,
      action,
      orgId,
      username,
      objectId,
      objectVersion,
      marking,
      detail,
    );
    return Number(info.lastInsertRowid);
  }

  /**
   * Events at or after `since`, of one organisation when `orgId` is given, about one object when
   * `objectId` is given, oldest first.
   */
  list(q: AuditQuery): AuditEvent[] {
    const since = q.since === undefined ? Number.MIN_SAFE_INTEGER : micros(q.since, 'audit query since');
    const org = q.orgId ?? null;
    const limit = q.limit === undefined ? DEFAULT_LIMIT : Math.max(0, Math.floor(q.limit));
    if (q.objectId !== undefined) {
      const object = q.objectId;
      const rows = this.#s.listObject.all({ object }, since, org, org) as EventRow[];
      const events = rows.map(toEvent).filter((e) => e.objectId === object);
      return limit === DEFAULT_LIMIT ? events : events.slice(0, limit);
    }
    // Every row holds at least one event, so `limit` rows hold at least `limit` events.
    const events = (this.#s.list.all(since, org, org, limit) as EventRow[]).map(toEvent);
    return limit === DEFAULT_LIMIT ? events : events.slice(0, limit);
  }

  /** See AuditStore.listRecentAudit. */
  recent(q: RecentAuditQuery): AuditPage {
    let before: [number, number] = [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
    if (q.before !== undefined) {
      const m = /^(-?\d{1,16})\.(\d{1,16})$/.exec(q.before);
      if (m === null) throw new StoreError('STORE_BAD_CURSOR', 'malformed audit position');
      before = [Number(m[1]), Number(m[2])];
    }
    const org = q.orgId ?? null;
    const rows = this.#s.recentRows.all(...before, org, org, Math.max(1, Math.floor(q.limit))) as [
      number,
      number,
    ][];
    const events = (this.#s.rowEvents.all(JSON.stringify(rows.map((r) => r[0]))) as EventRow[]).map(toEvent);
    const last = rows[rows.length - 1];
    return {
      events: events.reverse(),
      ...(last !== undefined && rows.length >= q.limit ? { next: `${last[1]}.${last[0]}` } : {}),
    };
  }
}
