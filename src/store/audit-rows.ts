/**
 * The audit log's rows as both backends store them (store/audit.ts): one row per event, or one
 * per group of events that differ only in the object they name, with the objects as runs of
 * consecutive seqs. What turns rows back into events, and disclosures into runs, is the same
 * whatever the database.
 */
import { timestampMicros } from '../stix/index.js';
import type { AuditEvent, Disclosure } from './audit.js';
import { StoreError } from './store-error.js';

/** A row of the list query: one per event (an audit row, or one of the objects it names). */
export type EventRow = [
  at: string,
  action: string,
  orgId: string,
  username: string | null,
  objectId: string | null,
  objectVersion: string | null,
  marking: string | null,
  detail: string | null,
  position: number | null,
  seq: number | null,
  listedId: string | null,
  listedVersion: string | null,
  listedMarking: string | null,
];

export function toEvent(row: EventRow): AuditEvent {
  const [at, action, orgId, username, objectId, objectVersion, marking, detail, position, seq] = row;
  const event: Record<string, string> = { at, action, orgId };
  if (username !== null) event.username = username;
  if (position === null) {
    if (objectId !== null) event.objectId = objectId;
    if (objectVersion !== null) event.objectVersion = objectVersion;
    if (marking !== null) event.marking = marking;
    if (detail !== null) event.detail = detail;
    return event as unknown as AuditEvent;
  }
  const [, , , , , , , , , , listedId, listedVersion, listedMarking] = row;
  if (listedId !== null) event.objectId = listedId;
  if (listedVersion !== null) event.objectVersion = listedVersion;
  if (listedMarking !== null) event.marking = listedMarking;
  if (listedId === null) event.detail = `version seq ${seq} is not recorded`;
  else if (detail !== null) event.detail = detail;
  return event as unknown as AuditEvent;
}

export function micros(at: string, what: string): number {
  const us = timestampMicros(at);
  if (us === undefined) throw new StoreError('STORE_INVALID_RECORD', `${what}: not a STIX timestamp: ${at}`);
  return us;
}

/** Events that may share a row: same instant, action, actor and detail, each naming an object. */
export function sameRow(a: AuditEvent, b: AuditEvent): boolean {
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
export const DISCLOSURES: ReadonlySet<string> = new Set(['read', 'send']);

/** The longest run of consecutive seqs one audit_objects row holds (the schema checks it). */
export const MAX_RUN = 1000;

/**
 * A disclosure's versions as runs: [first seq, count, marking] for consecutive seqs with one
 * marking. A page lists versions in feed order, so most pages are one run or a few.
 */
export function runsOf(d: Disclosure): [number, number, string][] {
  const runs: [number, number, string][] = [];
  let last: [number, number, string] | undefined;
  for (let i = 0; i < d.seqs.length; i++) {
    const seq = d.seqs[i] as number;
    const marking = d.markings[i] as string;
    if (last !== undefined && last[1] < MAX_RUN && seq === last[0] + last[1] && marking === last[2]) {
      last[1]++;
    } else {
      last = [seq, 1, marking];
      runs.push(last);
    }
  }
  return runs;
}
