/**
 * Sharing-rule administration (CONTRACT.md "Sharing rules"): sharing groups and embargoes as
 * Accord marking definitions known to the node, and reading the append-only audit log.
 */
import { embargoMarking, PolicyError, sharingGroupMarking } from '../policy/index.js';
import { timestampMicros, UNTRUSTED_TIMESTAMP } from '../stix/index.js';
import type { AuditEvent, Organization, Store } from '../store/index.js';
import { auditAdmin } from './admin/audit-admin.js';
import { checkNewSharingGroup, sharingGroupId } from './admin/sharing-group-lookup.js';
import { CoreError } from './errors/core-error.js';

/** What `group add` needs: member and creator organisations are slugs. */
export interface AddSharingGroupInput {
  /** The group's own short id (a slug), used as its name when no name is given. */
  readonly id: string;
  readonly members: readonly string[];
  readonly name?: string;
  /** Organisation creating the group (its identity becomes created_by_ref); default: the first member. */
  readonly asOrg?: string;
}

/** What `embargo add` needs: co-signer and creator organisations are slugs. */
export interface AddEmbargoInput {
  /** STIX timestamp (UTC) of the release. */
  readonly releaseAt: string;
  readonly cosigners: readonly string[];
  /** Organisation creating the embargo; default: the first co-signer. */
  readonly asOrg?: string;
}

const SLUG = /^[a-z0-9][a-z0-9._-]{0,62}$/;

async function orgsOf(store: Store, slugs: readonly string[], what: string): Promise<Organization[]> {
  if (slugs.length === 0)
    throw new CoreError('CORE_INVALID', `${what}: at least one organisation is required`);
  const orgs: Organization[] = [];
  for (const slug of new Set(slugs)) {
    const org = await store.getOrganization(slug);
    if (!org)
      throw new CoreError('CORE_NOT_FOUND', `no organisation ${slug}; add it with \`accord org add\``);
    orgs.push(org);
  }
  return orgs;
}

function wrap<T>(build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof PolicyError) throw new CoreError('CORE_INVALID', err.message);
    throw err;
  }
}

/** Creates a sharing-group marking definition, stores it, audits it; returns the definition. */
export async function addSharingGroup(
  store: Store,
  input: AddSharingGroupInput,
): Promise<Record<string, unknown>> {
  if (!SLUG.test(input.id))
    throw new CoreError('CORE_INVALID', `group id "${input.id}" must be a lower-case slug`);
  const members = await orgsOf(store, input.members, 'members');
  const [creator] = await orgsOf(store, [input.asOrg ?? members[0]!.id], 'creator');
  await checkNewSharingGroup(store, input.id);
  const built = wrap(() =>
    sharingGroupMarking({
      name: input.name ?? input.id,
      members: members.map((m) => m.identityId),
      createdByRef: creator!.identityId,
    }),
  );
  // Derived, so that the short id finds the group again (admin/sharing-group-lookup.ts).
  const def = { ...built, id: sharingGroupId(creator!.identityId, String(built.created), input.id) };
  await store.putMarkingDefinition(String(def.id), JSON.stringify(def), { kind: 'node' });
  const detail = `${def.id} group ${input.id} members ${members.map((m) => m.id).join(',')}`;
  await auditAdmin(store, 'group.add', creator!.id, detail);
  return def;
}

/** Creates an embargo marking definition, stores it, audits it; returns the definition. */
export async function addEmbargo(store: Store, input: AddEmbargoInput): Promise<Record<string, unknown>> {
  if (timestampMicros(input.releaseAt, UNTRUSTED_TIMESTAMP) === undefined) {
    throw new CoreError(
      'CORE_INVALID',
      `--release-at "${input.releaseAt}" is not a UTC STIX timestamp (2030-01-31T12:00:00Z)`,
    );
  }
  const cosigners = await orgsOf(store, input.cosigners, 'cosigners');
  const [creator] = await orgsOf(store, [input.asOrg ?? cosigners[0]!.id], 'creator');
  const def = wrap(() =>
    embargoMarking({
      releaseAt: input.releaseAt,
      cosigners: cosigners.map((c) => c.identityId),
      createdByRef: creator!.identityId,
    }),
  );
  await store.putMarkingDefinition(String(def.id), JSON.stringify(def), { kind: 'node' });
  const detail = `${def.id} release ${input.releaseAt} cosigners ${cosigners.map((c) => c.id).join(',')}`;
  await auditAdmin(store, 'embargo.add', creator!.id, detail);
  return def;
}

/** Filters of `audit`. */
export interface ListAuditInput {
  /** STIX timestamp: only events at or after it. */
  readonly since?: string;
  readonly orgId?: string;
  /** Only events naming this object (any version): who read it, who was sent it. */
  readonly objectId?: string;
  readonly limit?: number;
}

/** The audit log, oldest first. */
export async function listAudit(store: Store, input: ListAuditInput): Promise<readonly AuditEvent[]> {
  if (input.since !== undefined && timestampMicros(input.since, UNTRUSTED_TIMESTAMP) === undefined) {
    throw new CoreError('CORE_INVALID', `--since "${input.since}" is not a UTC STIX timestamp`);
  }
  return store.listAudit({
    ...(input.since === undefined ? {} : { since: input.since }),
    ...(input.orgId === undefined ? {} : { orgId: input.orgId }),
    ...(input.objectId === undefined ? {} : { objectId: input.objectId }),
    ...(input.limit === undefined ? {} : { limit: input.limit }),
  });
}
