/**
 * `collection grant|revoke ID [--read ORGS] [--write ORGS]` (CONTRACT.md "Operations"): changes
 * a collection's access lists. Who may then read or write is decided by policy/ (`may`), here as
 * on every request; this module only edits the lists, refusing changes that would do nothing.
 */
import { may } from '../../policy/index.js';
import type { CollectionRecord, Organization, Store } from '../../store/index.js';
import { CoreError } from '../errors/core-error.js';
import { auditAdmin } from './audit-admin.js';
import { type CollectionInfo, collectionInfo } from './list-collections.js';

/** Organisations (slugs or `*`) to add to or take from each list; at least one list is given. */
export interface AccessChange {
  readonly read?: readonly string[];
  readonly write?: readonly string[];
}

/** Who may use a collection, as policy/ decides for each organisation of the node. */
export interface CollectionAudience {
  readonly readers: readonly string[];
  readonly writers: readonly string[];
}

type ListName = 'read' | 'write';
const FIELD = { read: 'canRead', write: 'canWrite' } as const;

async function collectionOrFail(store: Store, id: string): Promise<CollectionRecord> {
  const collection = await store.getCollection(id);
  if (!collection)
    throw new CoreError('CORE_NOT_FOUND', `no collection ${id}; see \`accord collection list\``);
  return collection;
}

async function checkChange(store: Store, change: AccessChange): Promise<void> {
  const orgs = [...(change.read ?? []), ...(change.write ?? [])];
  if (orgs.length === 0)
    throw new CoreError('CORE_INVALID', 'name the organisations with --read ORGS and/or --write ORGS');
  for (const org of new Set(orgs)) {
    if (org !== '*' && !(await store.getOrganization(org)))
      throw new CoreError('CORE_NOT_FOUND', `no organisation ${org}; add it with \`accord org add\``);
  }
}

/** The list after adding `orgs`; a grant that adds nothing is a mistake worth saying (CORE_CONFLICT). */
function granted(id: string, list: ListName, current: readonly string[], orgs: readonly string[]): string[] {
  const next = [...current];
  for (const org of new Set(orgs)) {
    if (next.includes(org) || next.includes('*'))
      throw new CoreError(
        'CORE_CONFLICT',
        `${org === '*' || next.includes('*') ? 'every organisation' : org} may already ${list} collection ${id}`,
      );
    next.push(org);
  }
  return next;
}

/** The list after taking `orgs` out; `*` cannot be revoked for one organisation (no "all but" lists). */
function revoked(id: string, list: ListName, current: readonly string[], orgs: readonly string[]): string[] {
  for (const org of new Set(orgs)) {
    if (current.includes(org)) continue;
    if (current.includes('*'))
      throw new CoreError(
        'CORE_INVALID',
        `every organisation (*) may ${list} collection ${id}: revoke --${list} '*' first, then grant the others`,
      );
    throw new CoreError('CORE_INVALID', `${org} may not ${list} collection ${id}; nothing to revoke`);
  }
  return current.filter((org) => !orgs.includes(org));
}

async function changeAccess(
  store: Store,
  id: string,
  change: AccessChange,
  kind: 'grant' | 'revoke',
): Promise<CollectionInfo> {
  const collection = await collectionOrFail(store, id);
  await checkChange(store, change);
  const edit = kind === 'grant' ? granted : revoked;
  const lists = { canRead: collection.canRead, canWrite: collection.canWrite };
  for (const list of ['read', 'write'] as const) {
    const orgs = change[list];
    if (orgs !== undefined && orgs.length > 0) lists[FIELD[list]] = edit(id, list, lists[FIELD[list]], orgs);
  }
  if (!(await store.setCollectionAccess(id, lists)))
    throw new CoreError('CORE_NOT_FOUND', `no collection ${id}`);
  const detail = `collection ${id} ${kind} read ${(change.read ?? []).join(',')} write ${(change.write ?? []).join(',')}`;
  await auditAdmin(store, `collection.${kind}`, '*', detail);
  return collectionInfo({ ...collection, ...lists });
}

/** Lets organisations read and/or write a collection; returns the collection as it now is. */
export function grantCollectionAccess(
  store: Store,
  id: string,
  change: AccessChange,
): Promise<CollectionInfo> {
  return changeAccess(store, id, change, 'grant');
}

/** Takes read and/or write access to a collection from organisations; returns the collection as it now is. */
export function revokeCollectionAccess(
  store: Store,
  id: string,
  change: AccessChange,
): Promise<CollectionInfo> {
  return changeAccess(store, id, change, 'revoke');
}

/** The organisations of the node that may read and write `collection`, as policy/ decides. */
export async function collectionAudience(
  store: Store,
  collection: CollectionRecord,
): Promise<CollectionAudience> {
  const orgs: readonly Organization[] = await store.listOrganizations();
  const actors = orgs.map((o) => ({ org: o.id, actor: { orgId: o.id, identityId: o.identityId } }));
  return {
    readers: actors.filter((a) => may(a.actor, 'collection.read', collection)).map((a) => a.org),
    writers: actors.filter((a) => may(a.actor, 'collection.write', collection)).map((a) => a.org),
  };
}
