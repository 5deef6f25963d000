/** Builds the policy context (policy-api.md) of one sync batch from the store, at one instant. */
import { type PolicyContext, policyContextOf } from '../policy/index.js';
import type { MarkingDefinitionRecord, Store } from '../store/index.js';

/** The node's marking definitions and organisations as a PolicyContext at `now` (µs). */
export async function policyContextAt(
  store: Store,
  now: number,
): Promise<PolicyContext & { definitions: ReadonlyMap<string, MarkingDefinitionRecord> }> {
  const definitions = await store.listMarkingDefinitions();
  const orgs = await store.listOrganizations();
  return { ...policyContextOf(definitions, orgs, now), definitions };
}
