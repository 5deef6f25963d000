/** The policy's view of a caller: who reads, and who acts. */
import type { Actor, Reader } from '../../policy/index.js';
import type { Caller } from '../accounts/caller.js';

/** The policy reader a caller is. */
export function readerOf(caller: Caller): Reader {
  return { orgId: caller.orgId, identityId: caller.identityId };
}

/** The policy actor a caller is (its organisation, through a user with a role). */
export function actorOf(caller: Caller): Actor {
  return { orgId: caller.orgId, identityId: caller.identityId, role: caller.role };
}
