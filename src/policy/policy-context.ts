/** The policy context of one request or sync batch, from what the node knows at one instant. */
import { createHash } from 'node:crypto';
import type { MarkingDefinitionRecord, Micros, Organization } from '../store/index.js';
import { buildMarkingIndex, type MarkingIndex } from './marking-index.js';
import type { PolicyContext } from './types.js';

/** The index built last, by a digest of the definitions it was built from. */
let last: { readonly digest: string; readonly index: MarkingIndex } | undefined;
/** Indexes by the definitions map itself: a store that hands out one map while nothing changes skips the digest. */
const byMap = new WeakMap<ReadonlyMap<string, MarkingDefinitionRecord>, MarkingIndex>();
/** Organisation identities by the list a store handed out. */
const identitiesByList = new WeakMap<readonly Organization[], ReadonlyMap<string, string>>();

/**
 * The index of `definitions`, rebuilt only when they changed: requests then share one index
 * (parsing every definition per request costs), and whatever is cached per index stays valid.
 */
function markingIndexOf(definitions: ReadonlyMap<string, MarkingDefinitionRecord>): MarkingIndex {
  const known = byMap.get(definitions);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  for (const [id, { json, source }] of definitions) {
    hash.update(id).update('\0').update(json).update('\0');
    hash.update(source.kind === 'node' ? 'node' : `${source.producerOrg}\0${source.origin}`).update('\0');
  }
  const digest = hash.digest('base64');
  if (last?.digest !== digest) last = { digest, index: buildMarkingIndex(definitions.values()) };
  byMap.set(definitions, last.index);
  return last.index;
}

/**
 * A PolicyContext from the node's marking definitions (JSON text by id) and organisations, at
 * `now`. Neither may change once passed: what is derived from them is kept by identity (stores
 * hand out a new map or list when theirs change).
 */
export function policyContextOf(
  definitions: ReadonlyMap<string, MarkingDefinitionRecord>,
  organizations: readonly Organization[],
  now: Micros,
): PolicyContext {
  let identities = identitiesByList.get(organizations);
  if (identities === undefined) {
    identities = new Map(organizations.map((o) => [o.id, o.identityId]));
    identitiesByList.set(organizations, identities);
  }
  return {
    markings: markingIndexOf(definitions),
    now,
    identityOfOrg: (orgId) => identities.get(orgId),
  };
}
