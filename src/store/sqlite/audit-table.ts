/**
 * The append-only audit log (UPDATE and DELETE are refused by triggers in the schema).
 * Events that differ only in the object they name (one response disclosing a page of
 * restricted versions) share one row whose `objects` column lists [id, version, marking]
 * triples; a Disclosure's row names its versions by seq instead (`versions`, a few bytes each
 * rather than a hundred), resolved through `versions` or, once deleted, `deleted_versions`.
 * Reading expands both back, in order, so callers see one event per object.
 */
import type Database from 'better-sqlite3';
import type { AuditEvent, AuditQuery, Disclosure } from '../audit.js';
import { StoreError } from '../store-error.js';
import { parseTimestampMicros } from '../timestamp-micros.js';
import type { UnsyncedCommit } from './unsynced-commit.js';
import { seqDeltas, seqsOf, VersionNames } from './version-names.js';

// SQLite reads LIMIT -1 as "no limit".
const DEFAULT_LIMIT = -1;
const OPTIONAL = ['username', 'objectId', 'objectVersion', 'marking', 'detail'] as const;

type AuditRow = {
  at: string;
  action: string;
  orgId: string;
  objects: string | null;
  versions: string | null;
} & Record<(typeof OPTIONAL)[number], string | null>;

/** One object an event names: id, version, marking (null when absent). */
type ObjectTriple = [objectId: string, objectVersion: string | null, marking: string | null];

function toEvent(row: AuditRow): AuditEvent {
  const event: Record<string, string> = { at: row.at, action: row.action, orgId: row.orgId };
  for (const key of OPTIONAL) {
    const value = row[key];
    if (value !== null) event[key] = value;
  }
  return event as unknown as AuditEvent;
}

/**
 * `versions` of a Disclosure row: the distinct markings, the seqs as differences from the
 * previous one (a page's seqs are close together), and each version's index into `markings`.
 */
interface VersionList {
  readonly markings: readonly string[];
  readonly deltas: readonly number[];
  readonly of: readonly number[];
}

function encodeVersions(d: Disclosure): string {
  const markings: string[] = [];
  const index = new Map<string, number>();
  const of = d.markings.map((marking) => {
    let m = index.get(marking);
    if (m === undefined) {
      m = markings.push(marking) - 1;
      index.set(marking, m);
    }
    return m;
  });
  return JSON.stringify({ markings, deltas: seqDeltas(d.seqs), of } satisfies VersionList);
}

function micros(at: string, what: string): number {
  const us = parseTimestampMicros(at);
  if (us === undefined) throw new StoreError('STORE_INVALID_RECORD', `${what}: not a STIX timestamp: ${at}`);
  return us;
}

/** Events that may share a row: same instant, action, actor and detail, each naming an object. */
function sameRow(a: AuditEvent, b: AuditEvent): boolean {
  return (
    a.at === b.at &&
    a.action === b.action &&
    a.orgId === b.orgId &&
    a.username === b.username &&
    a.detail === b.detail &&
    a.objectId !== undefined &&
    b.objectId !== undefined
  );
}

/** Actions that record a disclosure (a read served, a version sent to a peer). */
const DISCLOSURES: ReadonlySet<string> = new Set(['read', 'send']);

/** Prepared statements over audit_log. */
export class AuditTable {
  readonly #unsynced: UnsyncedCommit;
  readonly #s;
  readonly #names: VersionNames;
  readonly #appendAll: (events: readonly AuditEvent[]) => void;

  constructor(db: Database.Database, unsynced: UnsyncedCommit) {
    this.#unsynced = unsynced;
    this.#names = new VersionNames(db);
    const cols =
      'at, action, org_id AS orgId, username, object_id AS objectId, object_version AS objectVersion, marking, detail, objects, versions';
    const where = 'WHERE at_micros >= ? AND (? IS NULL OR org_id = ?)';
    this.#s = {
      appendVersions: db.prepare(
        'INSERT INTO audit_log (at, at_micros, action, org_id, username, versions) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      append: db.prepare(
        'INSERT INTO audit_log (at, at_micros, action, org_id, username, object_id, object_version, marking, detail, objects)' +
          ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      list: db.prepare(`SELECT ${cols} FROM audit_log ${where} ORDER BY at_micros, id LIMIT ?`),
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
  }

  /** Appends several events in one transaction (all or none); see Store.appendAudit for when it syncs. */
  appendAll(events: readonly AuditEvent[]): void {
    if (!events.every((e) => DISCLOSURES.has(e.action))) {
      this.#appendAll(events);
      return;
    }
    this.#unsynced.run(() => this.#appendAll(events));
  }

  /** Appends one Disclosure as one row, committed as disclosure events are. */
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
    const versions = encodeVersions(d);
    this.#unsynced.run(() =>
      this.#s.appendVersions.run(d.at, at, d.action, d.orgId, d.username ?? null, versions),
    );
  }

  append(e: AuditEvent): void {
    this.#insert(e, e.objectId ?? null, e.objectVersion ?? null, e.marking ?? null, null);
  }

  /** One row for events that differ only in the object they name. */
  #appendGroup(group: readonly AuditEvent[]): void {
    const triples: ObjectTriple[] = group.map((g) => [
      g.objectId as string,
      g.objectVersion ?? null,
      g.marking ?? null,
    ]);
    this.#insert(group[0] as AuditEvent, null, null, null, JSON.stringify(triples));
  }

  #insert(
    e: AuditEvent,
    objectId: string | null,
    objectVersion: string | null,
    marking: string | null,
    objects: string | null,
  ): void {
    this.#s.append.run(
      e.at,
      micros(e.at, 'audit event at'),
      e.action,
      e.orgId,
      e.username ?? null,
      objectId,
      objectVersion,
      marking,
      e.detail ?? null,
      objects,
    );
  }

  /** Events at or after `since`, of one organisation when `orgId` is given, oldest first. */
  list(q: AuditQuery): AuditEvent[] {
    const since = q.since === undefined ? Number.MIN_SAFE_INTEGER : micros(q.since, 'audit query since');
    const org = q.orgId ?? null;
    const limit = q.limit === undefined ? DEFAULT_LIMIT : Math.max(0, Math.floor(q.limit));
    // Every row holds at least one event, so `limit` rows hold at least `limit` events.
    const events = (this.#s.list.all(since, org, org, limit) as AuditRow[]).flatMap((row) =>
      this.#eventsOf(row),
    );
    return limit === DEFAULT_LIMIT ? events : events.slice(0, limit);
  }

  /** The events of one row: itself, or one per listed object or version. */
  #eventsOf(row: AuditRow): AuditEvent[] {
    const plain = { ...row, objects: null, versions: null };
    if (row.versions !== null) {
      const list = JSON.parse(row.versions) as VersionList;
      return seqsOf(list.deltas).map((seq, i) => {
        const marking = list.markings[list.of[i] as number] ?? null;
        const found = this.#names.of(seq);
        if (found === undefined)
          return toEvent({ ...plain, marking, detail: `version seq ${seq} is not recorded` });
        return toEvent({ ...plain, objectId: found[0], objectVersion: found[1], marking });
      });
    }
    if (row.objects === null) return [toEvent(row)];
    const triples = JSON.parse(row.objects) as ObjectTriple[];
    return triples.map(([objectId, objectVersion, marking]) =>
      toEvent({ ...plain, objectId, objectVersion, marking }),
    );
  }
}
