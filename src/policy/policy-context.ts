/** The policy context of one request or sync batch, from what the node knows at one instant. */
import type { Micros, Organization } from '../store/index.js';
import { buildMarkingIndex } from './marking-index.js';
import type { PolicyContext } from './types.js';

/** A PolicyContext from the node's marking definitions (JSON text by id) and organisations, at `now`. */
export function policyContextOf(
  definitions: ReadonlyMap<string, string>,
  organizations: readonly Organization[],
  now: Micros,
): PolicyContext {
  const identities = new Map(organizations.map((o) => [o.id, o.identityId]));
  return {
    markings: buildMarkingIndex(definitions.values()),
    now,
    identityOfOrg: (orgId) => identities.get(orgId),
  };
}
