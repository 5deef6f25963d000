/**
 * Federation use cases (CONTRACT.md "Federation") for the CLI and the server: configure peers,
 * show their state, sync once or in the background. Received objects go through the same ingest
 * as TAXII POST and import (validate → store, embargo release entries, known markings).
 */
import {
  addPeer,
  type FederationHandle,
  type FederationOptions,
  type IngestResult,
  listPeerStatus,
  type PeerInput,
  type PeerStatus,
  requirePeer,
  type SyncIngest,
  type SyncOptions,
  type SyncReport,
  startFederation,
  syncOnce,
} from '../federation/index.js';
import { may, type PolicyContexts } from '../policy/index.js';
import { nowMicros } from '../stix/index.js';
import type { PeerRecord, Store } from '../store/index.js';
import type { Caller } from './accounts/caller.js';
import { CoreError } from './errors/core-error.js';
import { envelopeItems, ingestBatch } from './ingest/ingest-batch.js';
import { type NodeServices, nodeServices } from './node/node-services.js';
import { actorOf } from './query/reader-of.js';

/** The node's policy contexts, when a shell shares one (default: new ones for the run). */
type WithPolicy = { readonly policy?: PolicyContexts };

/** Sync settings the shells may give; core supplies the ingest. */
export type SyncRunOptions = Omit<SyncOptions, 'ingest' | 'policy'> &
  WithPolicy & { readonly peer?: string; readonly holder?: string };

/** Background sync settings the shells may give. */
export type SyncBackgroundOptions = Omit<FederationOptions, 'ingest' | 'policy'> & WithPolicy;

/** Core's ingest as federation's port: outcomes per object, conflicts told apart from invalid objects. */
export function syncIngest(node: NodeServices): SyncIngest {
  const { store } = node;
  return async (collectionId, objects, source, duplicateKeys) => {
    const items = envelopeItems(objects, duplicateKeys);
    const ids = [...new Set(objects.map((o) => o.id).filter((id): id is string => typeof id === 'string'))];
    // Ids with versions here before this batch: a version stored now is an update of them.
    const known = new Set((await store.getOwners(collectionId, ids)).keys());
    const report = await ingestBatch(node, collectionId, items, source);
    const failed = new Set(report.failures.map((f) => f.path));
    const results: IngestResult[] = objects.map((o, i) => {
      const id = String(o.id);
      const change = !report.storedPaths.has(`/objects/${i}`)
        ? 'unchanged'
        : known.has(id)
          ? 'updated'
          : 'new';
      if (!failed.has(`/objects/${i}`)) known.add(id); // a later version of it in this batch updates it
      return { status: 'accepted', id, version: String(o.modified ?? o.created ?? ''), change };
    });
    for (const f of report.failures) {
      const i = Number(f.path.slice('/objects/'.length));
      // A failure whose id and version are stored is the "same version, other content" case.
      const stored =
        f.reason === 'conflict' ||
        (f.id !== '' && (await store.getVersions(collectionId, f.id)).some((r) => r.version === f.version));
      results[i] = stored
        ? { status: 'conflict', id: f.id, version: f.version }
        : {
            status: 'rejected',
            id: f.id,
            version: f.version,
            message: f.message,
            reason: f.reason === 'invalid' ? 'invalid' : 'refused',
          };
    }
    return results;
  };
}

/** `accord peer add`: validates and stores a peer (the node may be stopped). */
export function configurePeer(store: Store, input: PeerInput): Promise<PeerRecord> {
  return addPeer(store, input);
}

/** `accord peer list` and `GET /api/peers`: every peer's configuration (no password) and state. */
export function peerStatuses(store: Store): Promise<PeerStatus[]> {
  return listPeerStatus(store);
}

/**
 * `GET /api/peers`: the same, for an administrator of this node only (peer URLs, accounts and
 * errors describe the node's trust relationships, which ordinary users need not see).
 */
export async function peerStatusesFor(store: Store, caller: Caller): Promise<PeerStatus[]> {
  if (!may(actorOf(caller), 'peers.view', 'node'))
    throw new CoreError('CORE_FORBIDDEN', 'only administrators may see federation peers');
  return listPeerStatus(store);
}

/** `accord sync [--peer NAME]`: one run of each peer (or the one named); a report per peer. */
export async function syncPeersOnce(
  store: Store,
  opts: SyncRunOptions = {},
  signal?: AbortSignal,
): Promise<SyncReport[]> {
  if (opts.peer !== undefined) await requirePeer(store, opts.peer);
  const node = servicesFor(store, opts);
  return syncOnce(store, { ...opts, ...federationPorts(node) }, signal);
}

function servicesFor(store: Store, opts: Pick<SyncOptions, 'nowMicros'> & WithPolicy): NodeServices {
  return nodeServices(store, {
    now: opts.nowMicros ?? nowMicros,
    ...(opts.policy === undefined ? {} : { policy: opts.policy }),
  });
}

/** What federation needs of the node: its clock, its policy contexts and its ingest. */
function federationPorts(node: NodeServices) {
  return { nowMicros: node.now, policy: node.policy, ingest: syncIngest(node) };
}

/** `accord serve` and `accord sync --watch`: syncs configured peers in the background until stopped. */
export function startPeerSync(store: Store, opts: SyncBackgroundOptions = {}): FederationHandle {
  return startFederation(store, { ...opts, ...federationPorts(servicesFor(store, opts)) });
}
