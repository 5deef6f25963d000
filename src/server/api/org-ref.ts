/** Organisations as the API shows them (api-types.ts OrgRef): STIX identity id, name and slug. */
import type { Organization, Store } from '../../store/index.js';
import type { OrgRef } from './api-types.js';

/** The OrgRef of an organisation. */
export function orgRef(org: Organization): OrgRef {
  return { id: org.identityId, name: org.name, slug: org.id };
}

/**
 * Looks organisations up by identity id or slug; one the node does not know is shown by the
 * id it was named with (a co-signer on another node).
 */
export async function orgRefs(store: Store): Promise<(key: string) => OrgRef> {
  const orgs = await store.listOrganizations();
  const byKey = new Map<string, Organization>();
  for (const o of orgs) {
    byKey.set(o.identityId, o);
    byKey.set(o.id, o);
  }
  return (key) => {
    const org = byKey.get(key);
    return org === undefined ? { id: key, name: key, slug: key } : orgRef(org);
  };
}
