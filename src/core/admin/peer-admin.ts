/** `peer remove` and `peer test` (CONTRACT.md "Operations"). */
import {
  type ConnectionStep,
  type ConnectionTestOptions,
  requirePeer,
  testPeerConnection,
} from '../../federation/index.js';
import type { Store } from '../../store/index.js';
import { CoreError } from '../errors/core-error.js';
import { auditAdmin } from './audit-admin.js';

/** Removes a peer and its sync state; a running node stops syncing it within its next peer-list read. */
export async function removePeer(store: Store, name: string): Promise<void> {
  const peer = await store.getPeer(name);
  if (!peer || !(await store.deletePeer(name)))
    throw new CoreError('CORE_NOT_FOUND', `no peer named ${name}; see \`accord peer list\``);
  await auditAdmin(store, 'peer.remove', peer.orgId, `peer ${name} ${peer.url}`);
}

/** Tests the connection to a configured peer step by step (DNS, TCP, TLS, auth, discovery, read, write). */
export async function testPeer(
  store: Store,
  name: string,
  options: ConnectionTestOptions = {},
): Promise<ConnectionStep[]> {
  return testPeerConnection(await requirePeer(store, name), options);
}
