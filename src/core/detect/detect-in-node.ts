/**
 * `accord detect` against a node (CONTRACT.md "Detection"): the indicators a user may see in a
 * collection (`--collection ID --as USER`), and/or the run's sightings kept in the node
 * (`--store COLLECTION --as USER`); one `--as` serves both. Detection itself is the library's
 * (detect/); this use case picks the indicators, names the reporting organisation and stores.
 */
import {
  compileIndicators,
  type DetectIndicator,
  type DetectionReport,
  type DetectOptions,
  type EventSource,
  type ObjectSink,
  type RejectedIndicator,
  runDetection,
} from '../../detect/index.js';
import type { Caller } from '../accounts/caller.js';
import { callerOf } from '../ingest/import-files.js';
import type { NodeServices } from '../node/node-services.js';
import { usableCollection } from '../query/collection-access.js';
import { nodeIndicators } from './node-indicators.js';
import { type StoreSightingsReport, storeSightings } from './store-sightings.js';

/** Where the indicators come from: a collection of the node, or already read (a file). */
export type IndicatorOrigin =
  | { readonly collectionId: string }
  | { readonly indicators: readonly DetectIndicator[]; readonly rejected: readonly RejectedIndicator[] };

/** Indicators ready to compile, and the identity of each one's producer when known. */
export interface DetectionIndicators {
  readonly caller: Caller;
  readonly indicators: readonly DetectIndicator[];
  readonly rejected: readonly RejectedIndicator[];
  readonly producerOf: (indicatorId: string) => string | undefined;
}

const IDENTITY = /^identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The user's indicators: read through the policy from a collection (the producer is the
 * organisation the node recorded), or given (the producer is what `created_by_ref` names).
 * With `storeCollection`, the user must be able to write there (checked before any log is read).
 */
export async function detectionIndicators(
  node: NodeServices,
  username: string,
  origin: IndicatorOrigin,
  storeCollection?: string,
): Promise<DetectionIndicators> {
  const caller = await callerOf(node.store, username);
  if (storeCollection !== undefined)
    await usableCollection(node.store, caller, storeCollection, { read: true, write: true });
  if (!('collectionId' in origin)) {
    const byId = new Map(origin.indicators.map((i) => [i.id, i.producer]));
    return {
      caller,
      indicators: origin.indicators,
      rejected: origin.rejected,
      producerOf: (id) => {
        const producer = byId.get(id);
        return producer !== undefined && IDENTITY.test(producer) ? producer : undefined;
      },
    };
  }
  const read = await nodeIndicators(node, caller, origin.collectionId);
  const identities = new Map(
    (await node.store.listOrganizations()).map((o) => [o.id, o.identityId] as const),
  );
  return {
    caller,
    indicators: read.indicators,
    rejected: read.rejected,
    producerOf: (id) => {
      const org = read.producers.get(id);
      return org === undefined ? undefined : identities.get(org);
    },
  };
}

/** A batch detection run of a node's user. */
export interface NodeDetectionInput {
  readonly indicators: DetectionIndicators;
  readonly sources: readonly EventSource[];
  /** Where every object goes, as without a node. */
  readonly sink: ObjectSink;
  /** Detection options; the reporting identity is the user's organisation when storing. */
  readonly options: DetectOptions;
  /** Keep the sightings in this collection. */
  readonly storeCollection?: string;
}

/** What the run did. */
export interface NodeDetectionResult {
  readonly report: DetectionReport;
  readonly stored?: StoreSightingsReport;
}

/** Runs detection; with `storeCollection`, stores the sightings as the user's organisation. */
export async function detectInNode(
  node: NodeServices,
  input: NodeDetectionInput,
): Promise<NodeDetectionResult> {
  const { caller } = input.indicators;
  const storing = input.storeCollection;
  const sightings: Record<string, unknown>[] = [];
  const sink: ObjectSink =
    storing === undefined
      ? input.sink
      : {
          async write(objects) {
            for (const o of objects) if (o.type === 'sighting') sightings.push(o);
            await input.sink.write(objects);
          },
        };
  const report = await runDetection({
    indicators: compileIndicators(input.indicators.indicators),
    sources: input.sources,
    sink,
    options: storing === undefined ? input.options : { ...input.options, identity: caller.identityId },
  });
  if (storing === undefined) return { report };
  return { report, stored: await storeRunSightings(node, input.indicators, storing, sightings) };
}

/**
 * Stores sightings of a run over `indicators` as their user's organisation (for `--follow`, at
 * each checkpoint: a repeat is left alone, a changed sighting becomes a new version).
 */
export function storeRunSightings(
  node: NodeServices,
  indicators: DetectionIndicators,
  collectionId: string,
  sightings: readonly Readonly<Record<string, unknown>>[],
): Promise<StoreSightingsReport> {
  return storeSightings(node, indicators.caller, {
    collectionId,
    sightings,
    producerOf: indicators.producerOf,
  });
}
