/** `org add`: an organisation and its STIX identity (identity_class `organization`). */
import { randomUUID } from 'node:crypto';
import { formatMicros, nowMicros } from '../../stix/index.js';
import type { Organization, Store } from '../../store/index.js';
import { CoreError } from '../errors/core-error.js';
import { auditAdmin } from './audit-admin.js';

/** What `org add` needs. */
export interface AddOrganizationInput {
  readonly id: string;
  readonly name?: string;
  /** Reuse the identity id the organisation has on other nodes. */
  readonly identityId?: string;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const IDENTITY_ID = /^identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Creates the organisation; returns it and its STIX identity object. */
export async function addOrganization(
  store: Store,
  input: AddOrganizationInput,
): Promise<{ readonly organization: Organization; readonly identity: Record<string, unknown> }> {
  if (!SLUG.test(input.id)) {
    throw new CoreError(
      'CORE_INVALID',
      `organisation id "${input.id}" must be a lower-case slug such as uk-ncsc`,
    );
  }
  if (input.identityId !== undefined && !IDENTITY_ID.test(input.identityId)) {
    throw new CoreError('CORE_INVALID', `"${input.identityId}" is not an identity id (identity--<uuid>)`);
  }
  if (await store.getOrganization(input.id)) {
    throw new CoreError('CORE_CONFLICT', `organisation ${input.id} already exists`);
  }
  const organization: Organization = {
    id: input.id,
    name: input.name ?? input.id,
    identityId: input.identityId ?? `identity--${randomUUID()}`,
  };
  await store.addOrganization(organization);
  const identity = identityObject(organization, formatMicros(nowMicros(), 3));
  await auditAdmin(store, 'org.add', organization.id, JSON.stringify(identity));
  return { organization, identity };
}

/** The STIX 2.1 identity object of an organisation (spec 4.5). */
export function identityObject(org: Organization, created: string): Record<string, unknown> {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: org.identityId,
    created,
    modified: created,
    name: org.name,
    identity_class: 'organization',
  };
}
