/**
 * `org remove`, `user remove`, `collection remove` (CONTRACT.md "Operations"; docs/decisions
 * 0018): something still referenced is refused with what refers to it, unless `force`, which
 * takes away only what exists for the removed record (an organisation's users and grants, a
 * collection's objects). Provenance (versions an organisation produced) and peers are never
 * removed as a side effect: the operator removes peers first, and an organisation whose
 * objects the node keeps stays (its users can be disabled).
 */
import {
  type CollectionReferences,
  isStoreError,
  type OrganizationReferences,
  type Store,
} from '../../store/index.js';
import { CoreError } from '../errors/core-error.js';
import { auditAdmin } from './audit-admin.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const some = (names: readonly string[], max = 5) =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, …`;

/** Why an organisation cannot go; undefined when it can (with `force` or without). */
function orgBlocker(id: string, refs: OrganizationReferences, force: boolean): string | undefined {
  if (refs.peers.length > 0)
    return `organisation ${id} is named by ${plural(refs.peers.length, 'peer')} (${some(refs.peers)}); remove them first with \`accord peer remove NAME\``;
  if (refs.versions > 0)
    return `organisation ${id} produced ${plural(refs.versions, 'stored object version')}, whose provenance names it: it cannot be removed (disable its users with \`accord user disable\`)`;
  if (force || (refs.users.length === 0 && refs.collections.length === 0)) return undefined;
  const what = [
    refs.users.length > 0 ? `${plural(refs.users.length, 'user')} (${some(refs.users)})` : '',
    refs.collections.length > 0
      ? `access to ${plural(refs.collections.length, 'collection')} (${some(refs.collections)})`
      : '',
  ].filter(Boolean);
  return `organisation ${id} still has ${what.join(' and ')}; remove them first, or use --force to remove its users and their tokens and take it out of every collection's read and write lists`;
}

/** Why a collection cannot go; undefined when it can. */
function collectionBlocker(id: string, refs: CollectionReferences, force: boolean): string | undefined {
  if (refs.peers.length > 0)
    return `collection ${id} is synced by ${plural(refs.peers.length, 'peer')} (${some(refs.peers)}); remove them first with \`accord peer remove NAME\``;
  if (refs.versions > 0 && !force)
    return `collection ${id} holds ${plural(refs.versions, 'object version')}; use --force to remove them with it (back up first: \`accord backup FILE\`)`;
  return undefined;
}

/**
 * Runs a removal whose references are checked first and, inside the store's transaction, again:
 * what another process added in between is reported like what was there before.
 */
async function removeChecked<R>(
  read: () => Promise<R | undefined>,
  blocker: (refs: R) => string | undefined,
  remove: () => Promise<boolean>,
  missing: string,
): Promise<R> {
  const refs = await read();
  if (refs === undefined) throw new CoreError('CORE_NOT_FOUND', missing);
  const reason = blocker(refs);
  if (reason !== undefined) throw new CoreError('CORE_CONFLICT', reason);
  try {
    if (!(await remove())) throw new CoreError('CORE_NOT_FOUND', missing);
  } catch (err) {
    if (!isStoreError(err, 'STORE_STILL_REFERENCED')) throw err;
    const now = await read();
    throw new CoreError('CORE_CONFLICT', (now && blocker(now)) ?? err.message);
  }
  return refs;
}

/** Removes an organisation; with `force` its users, their tokens and its collection grants go too. */
export async function removeOrganization(
  store: Store,
  id: string,
  opts: { readonly force?: boolean } = {},
): Promise<OrganizationReferences> {
  const force = opts.force === true;
  const refs = await removeChecked(
    () => store.organizationReferences(id),
    (r) => orgBlocker(id, r, force),
    () => store.removeOrganization(id, { cascade: force }),
    `no organisation ${id}; see \`accord org list\``,
  );
  const detail = force
    ? `with users ${refs.users.join(',') || '-'}, grants ${refs.collections.join(',') || '-'}`
    : '';
  await auditAdmin(store, 'org.remove', id, detail);
  return refs;
}

/** Removes a user and its tokens: refused (401) at once on every process. */
export async function removeUser(store: Store, username: string): Promise<void> {
  const user = await store.getUser(username);
  if (!user || !(await store.removeUser(username)))
    throw new CoreError('CORE_NOT_FOUND', `no user ${username}; see \`accord user list\``);
  await auditAdmin(store, 'user.remove', user.orgId, '', username);
}

/** Removes a collection; with `force` the object versions it holds go too. */
export async function removeCollection(
  store: Store,
  id: string,
  opts: { readonly force?: boolean } = {},
): Promise<CollectionReferences> {
  const force = opts.force === true;
  const refs = await removeChecked(
    () => store.collectionReferences(id),
    (r) => collectionBlocker(id, r, force),
    () => store.removeCollection(id, { cascade: force }),
    `no collection ${id}; see \`accord collection list\``,
  );
  await auditAdmin(
    store,
    'collection.remove',
    '*',
    `collection ${id} with ${plural(refs.versions, 'object version')}`,
  );
  return refs;
}
