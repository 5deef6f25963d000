/**
 * `accord detect --store COLLECTION --as USER` (CONTRACT.md "Detection"): the sightings of a run
 * kept in the node, produced by the user's organisation, TLP:RED and shared only with the
 * organisation that produced each indicator. The evidence stays home: a stored sighting carries
 * no observed_data_refs (the producer learns the indicator, the count and the times, not the
 * logged events). A sighting already stored as it is now is left alone; one that changed is
 * stored as a new version.
 */
import { formatMicros } from '../../stix/index.js';
import type { Caller } from '../accounts/caller.js';
import { ingestBatch } from '../ingest/ingest-batch.js';
import { sourceOfCaller } from '../ingest/source-of-caller.js';
import type { NodeServices } from '../node/node-services.js';
import { usableCollection } from '../query/collection-access.js';
import { nextVersionStamps, sameProperties } from './next-version.js';
import { sightingMarkingRefs } from './sighting-markings.js';
import { visibleObjects } from './visible-objects.js';

/** What storing sightings needs. */
export interface StoreSightingsInput {
  readonly collectionId: string;
  /** Sightings as `detect` writes them (other objects are ignored). */
  readonly sightings: readonly Readonly<Record<string, unknown>>[];
  /** The identity id of the organisation that produced an indicator, when known. */
  readonly producerOf: (indicatorId: string) => string | undefined;
}

/** What storing did. */
export interface StoreSightingsReport {
  readonly stored: number;
  readonly unchanged: number;
  /** Sightings of indicators whose producer is unknown: not stored, since no one could receive them. */
  readonly unattributed: readonly string[];
  readonly failures: readonly { readonly id: string; readonly message: string }[];
}

/** What a new version must differ in to be stored again. */
const SAYS = ['count', 'first_seen', 'last_seen', 'sighting_of_ref', 'object_marking_refs'] as const;
const IDS_PER_READ = 200;
const BATCH = 1000;

/** The latest stored versions of `ids` the caller sees in the collection, by id. */
async function storedVersions(
  node: NodeServices,
  caller: Caller,
  collectionId: string,
  ids: readonly string[],
): Promise<Map<string, Readonly<Record<string, unknown>>>> {
  const out = new Map<string, Readonly<Record<string, unknown>>>();
  for (let i = 0; i < ids.length; i += IDS_PER_READ) {
    const chunk = ids.slice(i, i + IDS_PER_READ);
    for await (const e of visibleObjects(
      node,
      caller,
      collectionId,
      { types: ['sighting'], ids: chunk },
      false,
    ))
      out.set(e.id, e.object);
  }
  return out;
}

/** Stores a run's sightings as the caller's organisation, each shared only with its indicator's producer. */
export async function storeSightings(
  node: NodeServices,
  caller: Caller,
  input: StoreSightingsInput,
): Promise<StoreSightingsReport> {
  await usableCollection(node.store, caller, input.collectionId, { read: true, write: true });
  const sightings = input.sightings.filter((o) => o.type === 'sighting');
  const prior = await storedVersions(
    node,
    caller,
    input.collectionId,
    sightings.map((s) => String(s.id)),
  );
  const now = formatMicros(node.now(), 3);
  const refsByProducer = new Map<string, readonly string[]>();
  const unattributed: string[] = [];
  const items: { value: Record<string, unknown>; path: string }[] = [];
  let unchanged = 0;
  for (const [i, s] of sightings.entries()) {
    const indicator = String(s.sighting_of_ref);
    const producer = input.producerOf(indicator);
    if (producer === undefined) {
      unattributed.push(String(s.id));
      continue;
    }
    let refs = refsByProducer.get(producer);
    if (refs === undefined) {
      refs = await sightingMarkingRefs(node.store, caller, producer);
      refsByProducer.set(producer, refs);
    }
    const { observed_data_refs: _evidence, ...rest } = s;
    const sighting: Record<string, unknown> = {
      ...rest,
      created_by_ref: caller.identityId,
      where_sighted_refs: [caller.identityId],
      object_marking_refs: [...refs],
    };
    const before = prior.get(String(s.id));
    if (before !== undefined && sameProperties(before, sighting, SAYS)) {
      unchanged++;
      continue;
    }
    items.push({ value: { ...sighting, ...nextVersionStamps(before, now) }, path: `/sightings/${i}` });
  }
  const source = await sourceOfCaller(node.store, caller);
  let stored = 0;
  const failures: { id: string; message: string }[] = [];
  // One transaction per batch, as import stores them.
  for (let i = 0; i < items.length; i += BATCH) {
    const report = await ingestBatch(node, input.collectionId, items.slice(i, i + BATCH), source);
    stored += report.added;
    unchanged += report.successes.length - report.added;
    for (const f of report.failures) failures.push({ id: f.id, message: f.message });
  }
  return { stored, unchanged, unattributed, failures };
}
