/**
 * `org show`, `user show`, `collection show`, `peer show` (CONTRACT.md "Operations"): one record
 * with what refers to it, so that an operator sees what a removal would touch.
 */
import { type PeerStatus, peerStatus } from '../../federation/index.js';
import type { Store } from '../../store/index.js';
import { CoreError } from '../errors/core-error.js';
import { type CollectionInfo, collectionInfo } from './list-collections.js';
import type { OrganizationInfo } from './list-organizations.js';
import { listTokens, type TokenInfo } from './tokens.js';
import type { UserInfo } from './user-accounts.js';

/** An organisation with its users, the collections it may use, the peers naming it and what it produced. */
export interface OrganizationDetail extends OrganizationInfo {
  readonly users: readonly string[];
  readonly collections: readonly string[];
  readonly peers: readonly string[];
  readonly versions: number;
}

/** One organisation (CORE_NOT_FOUND when unknown). */
export async function showOrganization(store: Store, id: string): Promise<OrganizationDetail> {
  const org = await store.getOrganization(id);
  const refs = await store.organizationReferences(id);
  if (!org || !refs) throw new CoreError('CORE_NOT_FOUND', `no organisation ${id}; see \`accord org list\``);
  return { id: org.id, name: org.name, identity: org.identityId, ...refs };
}

/** A user with its tokens (never a secret). */
export interface UserDetail extends UserInfo {
  readonly tokens: readonly Omit<TokenInfo, 'username'>[];
}

/** One user (CORE_NOT_FOUND when unknown). */
export async function showUser(store: Store, username: string): Promise<UserDetail> {
  const user = await store.getUser(username);
  if (!user) throw new CoreError('CORE_NOT_FOUND', `no user ${username}; see \`accord user list\``);
  return {
    username: user.username,
    org: user.orgId,
    role: user.role,
    disabled: user.disabled === true,
    tokens: (await listTokens(store, username)).map(({ username: _, ...t }) => t),
  };
}

/** A collection with how many object versions it holds and the peers syncing it. */
export interface CollectionDetail extends CollectionInfo {
  readonly versions: number;
  readonly peers: readonly string[];
}

/** One collection (CORE_NOT_FOUND when unknown). */
export async function showCollection(store: Store, id: string): Promise<CollectionDetail> {
  const collection = await store.getCollection(id);
  const refs = await store.collectionReferences(id);
  if (!collection || !refs)
    throw new CoreError('CORE_NOT_FOUND', `no collection ${id}; see \`accord collection list\``);
  return { ...collectionInfo(collection), ...refs };
}

/** One peer's configuration (no password) and sync state, as `peer list` shows each. */
export async function showPeer(store: Store, name: string): Promise<PeerStatus> {
  const peer = await store.getPeer(name);
  if (!peer) throw new CoreError('CORE_NOT_FOUND', `no peer named ${name}; see \`accord peer list\``);
  return peerStatus(store, peer);
}
