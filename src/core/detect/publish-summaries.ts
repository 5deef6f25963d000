/**
 * `accord sightings publish --collection ID --as USER [--k 3]` (CONTRACT.md "Detection"): on the
 * indicator producer's node, for each indicator the user's organisation produced that at least k
 * organisations sighted, one summary sighting that names no one but the producer
 * (detect/sightings/summarize-sightings.ts), visible to every reader of the collection. It is
 * stored as a new version only when what it says changed.
 *
 * Sightings are read as the user reads them, through the policy. Organisations are counted by
 * the producer the node recorded for each sighting, never by its `created_by_ref` alone: one
 * organisation cannot pass for several by naming identities that are not organisations here.
 */
import { type SightingRecord, summarizeSightings, summaryId } from '../../detect/index.js';
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
  for await (const e of visibleObjects(node, caller, input.collectionId, { types: ['indicator'] }))
    if (e.producerOrg === caller.orgId) own.add(e.id);
  const raw: SightingRecord[] = [];
  const published = new Map<string, Readonly<Record<string, unknown>>>();
  for await (const e of visibleObjects(node, caller, input.collectionId, { types: ['sighting'] })) {
    const o = e.object;
    if (o.summary === true) {
      if (e.producerOrg === caller.orgId) published.set(e.id, o);
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
  const now = new Date(node.now() / 1000).toISOString();
  const summaries = summarizeSightings(raw, { producer: caller.identityId, k, now });
  const items: { value: Record<string, unknown>; path: string }[] = [];
  let unchanged = 0;
  for (const [i, s] of summaries.entries()) {
    const before = published.get(summaryId(String(s.sighting_of_ref), caller.identityId));
    if (before !== undefined && sameProperties(before, s, SAYS)) {
      unchanged++;
      continue;
    }
    items.push({ value: { ...s, ...nextVersionStamps(before, now) }, path: `/summaries/${i}` });
  }
  if (items.length === 0) return { published: 0, unchanged, failures: [] };
  const report = await ingestBatch(node, input.collectionId, items, await sourceOfCaller(node.store, caller));
  return {
    published: report.added,
    unchanged: unchanged + report.successes.length - report.added,
    failures: report.failures.map((f) => ({ id: f.id, message: f.message })),
  };
}
