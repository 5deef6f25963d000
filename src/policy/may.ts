/**
 * Who may do what to which resource, besides seeing objects (reader-plan.ts): collection access
 * lists (CONTRACT.md `collection add --read/--write`: organisation slugs or `*`), roles (admins
 * administer, editors write, readers read), and ownership of versions and status resources.
 * The one place such rules live: core/ asks, shells never decide.
 */
import type { CollectionRecord, Role } from '../store/index.js';

/** Who acts: an organisation, through one of its users (with a role) or as a whole (a peer). */
export interface Actor {
  readonly orgId: string;
  readonly identityId: string;
  /** The user's role; absent when an organisation acts as a whole (federation push). */
  readonly role?: Role;
}

/** The resource each action is about. */
export interface ActionResources {
  /** Know that the collection exists: read or write it (TAXII 2.1 5.2: 404 otherwise). */
  readonly 'collection.see': CollectionRecord;
  readonly 'collection.read': CollectionRecord;
  /** Add objects: on the write list, and not a reader (role). */
  readonly 'collection.write': CollectionRecord;
  /** TAXII 2.1 5.7: DELETE needs both can_read and can_write. */
  readonly 'collection.delete': CollectionRecord;
  /** Delete one version: its producer's organisation, or an administrator. */
  readonly 'version.delete': { readonly producerOrg: string };
  /** Read a TAXII status resource: the organisation whose request created it. */
  readonly 'status.read': { readonly ownerOrg: string };
  /** See the node's federation peers and their state (the node's trust relationships). */
  readonly 'peers.view': 'node';
  /** Scrape the node's metrics (`GET /metrics`): traffic, login failures and peers describe the whole node. */
  readonly 'metrics.view': 'node';
  /** Test the connection to a peer (it uses the peer's stored credentials). */
  readonly 'peers.test': 'node';
  /** Read the audit log: who read and received what, across organisations. */
  readonly 'audit.view': 'node';
  /** Be told who else sees an object (`/access`): its producer's organisation, or an administrator. */
  readonly 'access.explainAll': { readonly producerOrg: string };
  /** Have a collection weighed when who sees an object is explained: one it sees, or any for an administrator. */
  readonly 'collection.explain': CollectionRecord;
}

/** Every action. */
export type Action = keyof ActionResources;

const listed = (list: readonly string[], orgId: string) => list.includes('*') || list.includes(orgId);
const reads = (a: Actor, c: CollectionRecord) => listed(c.canRead, a.orgId);
const writes = (a: Actor, c: CollectionRecord) => a.role !== 'reader' && listed(c.canWrite, a.orgId);

const RULES: { readonly [A in Action]: (actor: Actor, resource: ActionResources[A]) => boolean } = {
  'collection.see': (a, c) => reads(a, c) || writes(a, c),
  'collection.read': reads,
  'collection.write': writes,
  'collection.delete': (a, c) => reads(a, c) && writes(a, c),
  'version.delete': (a, v) => a.role === 'admin' || v.producerOrg === a.orgId,
  'status.read': (a, s) => s.ownerOrg === a.orgId,
  'peers.view': (a) => a.role === 'admin',
  'metrics.view': (a) => a.role === 'admin',
  'peers.test': (a) => a.role === 'admin',
  'audit.view': (a) => a.role === 'admin',
  'access.explainAll': (a, o) => a.role === 'admin' || o.producerOrg === a.orgId,
  'collection.explain': (a, c) => a.role === 'admin' || reads(a, c) || writes(a, c),
};

/** May `actor` do `action` to `resource`? */
export function may<A extends Action>(actor: Actor, action: A, resource: ActionResources[A]): boolean {
  return RULES[action](actor, resource);
}
