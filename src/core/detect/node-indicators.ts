/**
 * The indicators a user may see in a collection (`accord detect --collection ID --as USER`),
 * read through the policy like any other read (and audited like one), with the organisation
 * that produced each, to which its sightings go back (`--store`).
 */
import { type DetectIndicator, type RejectedIndicator, readValidatedIndicators } from '../../detect/index.js';
import type { ValidatedObject } from '../../stix/index.js';
import type { Caller } from '../accounts/caller.js';
import type { NodeServices } from '../node/node-services.js';
import { visibleObjects } from './visible-objects.js';

/** Indicators read from a node, and who produced them. */
export interface NodeIndicators {
  readonly indicators: DetectIndicator[];
  readonly rejected: RejectedIndicator[];
  /** The producing organisation (slug, as the node records it) of each indicator, by id. */
  readonly producers: ReadonlyMap<string, string>;
}

/** The latest version of every indicator `caller` may see in `collectionId`. */
export async function nodeIndicators(
  node: NodeServices,
  caller: Caller,
  collectionId: string,
): Promise<NodeIndicators> {
  const objects: ValidatedObject[] = [];
  const producers = new Map<string, string>();
  for await (const entry of visibleObjects(node, caller, collectionId, { types: ['indicator'] }, true)) {
    objects.push(entry.object);
    if (entry.producerOrg !== undefined) producers.set(entry.id, entry.producerOrg);
  }
  const read = readValidatedIndicators(objects);
  return { ...read, producers };
}
