/** Organisations as the API shows them (api-types.ts OrgRef): STIX identity id, name and slug. */
import type { Organization } from '../../store/index.js';
import type { OrgRef } from './api-types.js';

/** The OrgRef of an organisation. */
export function orgRef(org: Organization): OrgRef {
  return { id: org.identityId, name: org.name, slug: org.id };
}
