/** Checks and stores a peer's configuration (CONTRACT.md `accord peer add`); works while the node is stopped. */
import type { PeerRecord, Store } from '../store/index.js';
import { SyncError } from './sync-error.js';

/** What `accord peer add` gives. */
export interface PeerInput {
  readonly name: string;
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly remoteCollection: string;
  readonly localCollection: string;
  /** Local organisation the peer is (default: the organisation whose id is the name). */
  readonly orgId?: string;
  /** Organisations whose versions the peer may relay (default: orgId only). */
  readonly speaksFor?: readonly string[];
  readonly pull?: boolean;
  readonly push?: boolean;
  /** Seconds between syncs under `accord serve` (default 60). */
  readonly intervalSeconds?: number;
}

const NAME = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/**
 * Validates a peer and stores it (replacing one of the same name; its sync state is kept).
 * Neither `--pull` nor `--push` means both. The collection and organisation must exist locally.
 */
export async function addPeer(store: Store, input: PeerInput): Promise<PeerRecord> {
  if (!NAME.test(input.name))
    throw new SyncError('SYNC_BAD_PEER_NAME', `bad peer name ${JSON.stringify(input.name)}`);
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new SyncError('SYNC_BAD_PEER_URL', `bad peer URL ${JSON.stringify(input.url)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SyncError('SYNC_BAD_PEER_URL', `peer URL must be http(s): ${input.url}`);
  }
  const interval = input.intervalSeconds ?? 60;
  if (!Number.isInteger(interval) || interval < 1 || interval > 86_400) {
    throw new SyncError('SYNC_BAD_INTERVAL', `bad interval ${interval}: whole seconds from 1 to 86400`);
  }
  const pull = input.pull ?? false;
  const push = input.push ?? false;
  const orgId = input.orgId ?? input.name;
  if ((await store.getCollection(input.localCollection)) === undefined) {
    throw new SyncError('SYNC_UNKNOWN_COLLECTION', `no local collection ${input.localCollection}`);
  }
  if ((await store.getOrganization(orgId)) === undefined) {
    throw new SyncError(
      'SYNC_UNKNOWN_ORG',
      `no organisation ${orgId} on this node (give --org, or add it first)`,
    );
  }
  const speaksFor = [...new Set(input.speaksFor ?? [orgId])];
  for (const org of speaksFor) {
    if ((await store.getOrganization(org)) === undefined)
      throw new SyncError('SYNC_UNKNOWN_ORG', `--speaks-for: no organisation ${org} on this node`);
  }
  const peer: PeerRecord = {
    name: input.name,
    url: url.href,
    username: input.username,
    password: input.password,
    remoteCollection: input.remoteCollection,
    localCollection: input.localCollection,
    orgId,
    speaksFor,
    pull: pull || !push,
    push: push || !pull,
    intervalSeconds: interval,
  };
  await store.putPeer(peer);
  return peer;
}

/** The named peer, or SYNC_UNKNOWN_PEER. */
export async function requirePeer(store: Store, name: string): Promise<PeerRecord> {
  const peer = await store.getPeer(name);
  if (peer === undefined) throw new SyncError('SYNC_UNKNOWN_PEER', `no peer named ${name}`);
  return peer;
}
