/** `org list` (CONTRACT.md "Operations"): the node's partner organisations. */
import type { Store } from '../../store/index.js';

/** An organisation as `org list` shows it. */
export interface OrganizationInfo {
  readonly id: string;
  readonly name: string;
  /** The `identity--…` id its users' objects carry as `created_by_ref`. */
  readonly identity: string;
}

/** Every organisation of the node, by id. */
export async function listOrganizations(store: Store): Promise<OrganizationInfo[]> {
  return (await store.listOrganizations())
    .map((o) => ({ id: o.id, name: o.name, identity: o.identityId }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
