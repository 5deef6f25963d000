/**
 * Builders of the two Accord marking definitions (CONTRACT.md "Sharing rules"): a sharing group
 * and an embargo, each a marking-definition carrying one Accord property-extension (spec 7.3).
 */
import { randomUUID } from 'node:crypto';
import { formatTimestamp, timestampMicros, UNTRUSTED_TIMESTAMP } from '../stix/index.js';
import { PolicyError } from './policy-error.js';

/** Extension-definition id of the sharing-group marking (CONTRACT.md). */
export const SHARING_GROUP_EXTENSION_ID = 'extension-definition--f9eaf669-d97c-4eac-bd5e-1c00d92d098e';
/** Extension-definition id of the embargo marking (CONTRACT.md). */
export const EMBARGO_EXTENSION_ID = 'extension-definition--1a382379-7f51-4647-a93e-e74201b0719d';

const IDENTITY_ID = /^identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True when `value` is an `identity--UUID` identifier (spec 2.9). */
export function isIdentityId(value: unknown): value is string {
  return typeof value === 'string' && IDENTITY_ID.test(value);
}

function checkIdentities(ids: readonly string[], what: string): string[] {
  if (ids.length === 0) throw new PolicyError('POLICY_EMPTY_MEMBERS', `${what}: at least one is required`);
  for (const id of ids) {
    if (!isIdentityId(id))
      throw new PolicyError(
        'POLICY_BAD_IDENTITY',
        `${what}: ${JSON.stringify(id)} is not a STIX identity id`,
      );
  }
  // Order-preserving dedupe: a list property must not repeat itself needlessly.
  return [...new Set(ids)];
}

function stamp(created: string | undefined): string {
  const value = created ?? formatTimestamp(new Date());
  if (timestampMicros(value, UNTRUSTED_TIMESTAMP) === undefined)
    throw new PolicyError('POLICY_BAD_TIMESTAMP', `created: ${value} is not a STIX timestamp`);
  return value;
}

/**
 * A sharing-group marking definition. Spec 7.2.1 (errata 01): with `extensions` present,
 * the deprecated `definition_type`/`definition` are omitted.
 */
export function sharingGroupMarking(opts: {
  name?: string;
  members: readonly string[];
  createdByRef: string;
  created?: string;
}): Record<string, unknown> {
  const members = checkIdentities(opts.members, 'members');
  return accordMarking(opts, opts.name, SHARING_GROUP_EXTENSION_ID, { members });
}

/** A new marking definition carrying one Accord property-extension (CONTRACT.md, Sharing rules). */
function accordMarking(
  opts: { createdByRef: string; created?: string },
  name: string | undefined,
  extensionId: string,
  extension: Record<string, unknown>,
): Record<string, unknown> {
  if (!isIdentityId(opts.createdByRef))
    throw new PolicyError('POLICY_BAD_IDENTITY', 'created_by_ref is not a STIX identity id');
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: `marking-definition--${randomUUID()}`,
    created: stamp(opts.created),
    created_by_ref: opts.createdByRef,
    ...(name !== undefined ? { name } : {}),
    extensions: { [extensionId]: { extension_type: 'property-extension', ...extension } },
  };
}

/** An embargo marking definition: hidden from all but `cosigners` until `releaseAt` (a STIX timestamp). */
export function embargoMarking(opts: {
  releaseAt: string;
  cosigners: readonly string[];
  createdByRef: string;
  created?: string;
}): Record<string, unknown> {
  if (timestampMicros(opts.releaseAt, UNTRUSTED_TIMESTAMP) === undefined) {
    throw new PolicyError('POLICY_BAD_TIMESTAMP', `release_at: ${opts.releaseAt} is not a STIX timestamp`);
  }
  const cosigners = checkIdentities(opts.cosigners, 'cosigners');
  return accordMarking(opts, `Embargo until ${opts.releaseAt}`, EMBARGO_EXTENSION_ID, {
    release_at: opts.releaseAt,
    cosigners,
  });
}
