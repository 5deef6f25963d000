/** Builds the policy context of one request or batch: known markings, the clock, org identities. */
import { type PolicyContext, policyContextOf, type Reader } from '../../policy/index.js';
import type { Micros, Store } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';

/** The policy context as of `now` (µs), read from the store. */
export async function policyContext(store: Store, now: Micros): Promise<PolicyContext> {
  const [definitions, orgs] = await Promise.all([store.listMarkingDefinitions(), store.listOrganizations()]);
  return policyContextOf(definitions, orgs, now);
}

/** The policy reader a caller is. */
export function readerOf(caller: Caller): Reader {
  return { orgId: caller.orgId, identityId: caller.identityId };
}
