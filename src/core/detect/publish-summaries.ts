/**
 * `accord sightings publish --collection ID --as USER [--k 3]` (CONTRACT.md "Detection"): on the
 * indicator producer's node, for each indicator the user's organisation produced that at least k
 * organisations sighted, one summary sighting that names no one but the producer
 * (detect/sightings/summarize-sightings.ts), visible to every reader of the collection. It is
 * stored as a new version only when what it says changed.
 *
 * A summary's id is random, and found again by what it is (the organisation's summary of that
 * indicator): a deterministic id could be claimed first by another organisation of the
 * collection, which would keep the summary from its readers. Should two runs ever race and
 * publish two summaries of one indicator, the next run keeps the older and revokes the other.
 *
 * Sightings are read as the user reads them, through the policy. Organisations are counted by
 * the producer the node recorded for each sighting, never by its `created_by_ref` alone: one
 * organisation cannot pass for several by naming identities that are not organisations here.
 */
import { randomUUID } from 'node:crypto';
import { type SightingRecord, summarizeSightings } from '../../detect/index.js';
import { formatMicros } from '../../stix/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import { ingestBatch } from '../ingest/ingest-batch.js';
import { sourceOfCaller } from '../ingest/source-of-caller.js';
import type { NodeServices } from '../node/node-services.js';
import { usableCollection } from '../query/collection-access.js';
import { nextVersionStamps, sameProperties } from './next-version.js';
import { visibleObjects } from './visible-objects.js';

/** The least k accepted: one organisation's sightings summarised would name it by elimination. */
export const MIN_SUMMARY_K = 2;
/** k when none is given (CONTRACT.md). */
export const DEFAULT_SUMMARY_K = 3;

/** What publishing needs. */
export interface PublishSummariesInput {
  readonly collectionId: string;
  /** Least number of organisations that sighted an indicator (default 3, at least 2). */
  readonly k?: number;
}

/** What publishing did. */
export interface PublishSummariesReport {
  /** Summaries stored (new, or new versions). */
  readonly published: number;
  /** Summaries already stored as they are. */
  readonly unchanged: number;
  /** Duplicate summaries of one indicator revoked (only after two runs raced). */
  readonly revoked: number;
  readonly failures: readonly { readonly id: string; readonly message: string }[];
}

/** What a new version of a summary must differ in. */
const SAYS = ['count', 'first_seen', 'last_seen', 'extensions'] as const;

/** Checks k (an integer of at least MIN_SUMMARY_K). */
export function summaryK(k: number | undefined): number {
  const value = k ?? DEFAULT_SUMMARY_K;
  if (!Number.isSafeInteger(value) || value < MIN_SUMMARY_K)
    throw new CoreError('CORE_INVALID', `k must be an integer of at least ${MIN_SUMMARY_K}, not ${value}`);
  return value;
}

/** Publishes the caller's organisation's summaries in a collection. */
export async function publishSightingSummaries(
  node: NodeServices,
  caller: Caller,
  input: PublishSummariesInput,
): Promise<PublishSummariesReport> {
  const k = summaryK(input.k);
  await usableCollection(node.store, caller, input.collectionId, { read: true, write: true });
  const own = new Set<string>();
  for await (const e of visibleObjects(node, caller, input.collectionId, { types: ['indicator'] }, false))
    if (e.producerOrg === caller.orgId) own.add(e.id);
  const raw: SightingRecord[] = [];
  const published = new Map<string, Readonly<Record<string, unknown>>[]>();
  for await (const e of visibleObjects(node, caller, input.collectionId, { types: ['sighting'] }, false)) {
    const o = e.object;
    if (o.type !== 'sighting') continue; // the filter asked for sightings only
    if (o.summary === true) {
      if (e.producerOrg === caller.orgId && typeof o.sighting_of_ref === 'string' && o.revoked !== true) {
        const list = published.get(o.sighting_of_ref);
        if (list) list.push(o);
        else published.set(o.sighting_of_ref, [o]);
      }
      continue;
    }
    if (typeof o.sighting_of_ref !== 'string' || !own.has(o.sighting_of_ref) || e.producerOrg === undefined)
      continue;
    raw.push({
      id: e.id,
      sighting_of_ref: o.sighting_of_ref,
      // The organisation counted is the one the node recorded as producer (see above).
      created_by_ref: e.producerOrg,
      count: typeof o.count === 'number' ? o.count : undefined,
      first_seen: typeof o.first_seen === 'string' ? o.first_seen : undefined,
      last_seen: typeof o.last_seen === 'string' ? o.last_seen : undefined,
    });
  }
  const now = formatMicros(node.now(), 3);
  // The oldest summary of an indicator is the one kept; any other is a duplicate to revoke.
  const kept = new Map<string, Readonly<Record<string, unknown>>>();
  const revocations: { value: Record<string, unknown>; path: string }[] = [];
  for (const [indicator, list] of published) {
    const [first, ...duplicates] = [...list].sort(
      (a, b) =>
        String(a.created).localeCompare(String(b.created)) || String(a.id).localeCompare(String(b.id)),
    );
    if (first !== undefined) kept.set(indicator, first);
    for (const d of duplicates)
      revocations.push({
        value: { ...d, revoked: true, ...nextVersionStamps(d, now) },
        path: `/duplicates/${revocations.length}`,
      });
  }
  const summaries = summarizeSightings(raw, {
    producer: caller.identityId,
    k,
    now,
    idOf: (indicator) => String(kept.get(indicator)?.id ?? `sighting--${randomUUID()}`),
  });
  const items: { value: Record<string, unknown>; path: string }[] = [];
  let unchanged = 0;
  for (const [i, s] of summaries.entries()) {
    const before = kept.get(String(s.sighting_of_ref));
    if (before !== undefined && sameProperties(before, s, SAYS)) {
      unchanged++;
      continue;
    }
    items.push({ value: { ...s, ...nextVersionStamps(before, now) }, path: `/summaries/${i}` });
  }
  const source = await sourceOfCaller(node.store, caller);
  const revoking =
    revocations.length === 0 ? undefined : await ingestBatch(node, input.collectionId, revocations, source);
  const report = items.length === 0 ? undefined : await ingestBatch(node, input.collectionId, items, source);
  return {
    published: report?.added ?? 0,
    unchanged: unchanged + (report === undefined ? 0 : report.successes.length - report.added),
    revoked: revoking?.added ?? 0,
    failures: [...(revoking?.failures ?? []), ...(report?.failures ?? [])].map((f) => ({
      id: f.id,
      message: f.message,
    })),
  };
}
