/** `POST /api/peers/:name/test`: core's testPeer (each step of the connection), for administrators only. */
import { may } from '../../policy/index.js';
import type { Caller } from '../accounts/caller.js';
import { testPeer } from '../admin/peer-admin.js';
import { CoreError } from '../errors/core-error.js';
import type { NodeServices } from '../node/node-services.js';
import { actorOf } from '../query/reader-of.js';

/** Tests the connection to the peer `name` (CORE_NOT_FOUND when there is none). */
export async function testPeerAs(
  node: NodeServices,
  caller: Caller,
  name: string,
): ReturnType<typeof testPeer> {
  if (!may(actorOf(caller), 'peers.test', 'node'))
    throw new CoreError('CORE_FORBIDDEN', 'only administrators may test federation peers');
  if ((await node.store.getPeer(name)) === undefined)
    throw new CoreError('CORE_NOT_FOUND', `no peer named ${name}`);
  return testPeer(node.store, name);
}
