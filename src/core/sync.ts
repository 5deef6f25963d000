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
import { type Micros, nowMicros, type PeerRecord, type Store } from '../store/index.js';
import type { Caller } from './accounts/caller.js';
import { CoreError } from './errors/core-error.js';
import { envelopeItems, ingestBatch } from './ingest/ingest-batch.js';

/** Sync settings the shells may give; core supplies the ingest. */
export type SyncRunOptions = Omit<SyncOptions, 'ingest'> & { readonly peer?: string };

/** Background sync settings the shells may give. */
export type SyncBackgroundOptions = Omit<FederationOptions, 'ingest'>;

/** Core's ingest as federation's port: outcomes per object, conflicts told apart from invalid objects. */
export function syncIngest(store: Store, now: () => Micros): SyncIngest {
  return async (collectionId, objects, source, duplicateKeys) => {
    const items = envelopeItems(objects, duplicateKeys);
    const report = await ingestBatch(store, collectionId, items, source, now);
    const results: IngestResult[] = objects.map((o) => ({
      status: 'accepted',
      id: String(o.id),
      version: String(o.modified ?? o.created ?? ''),
    }));
    for (const f of report.failures) {
      const i = Number(f.path.slice('/objects/'.length));
      // A failure whose id and version are stored is the "same version, other content" case.
      const stored =
        f.id !== '' && (await store.getVersions(collectionId, f.id)).some((r) => r.version === f.version);
      results[i] = stored
        ? { status: 'conflict', id: f.id, version: f.version }
        : { status: 'rejected', id: f.id, version: f.version, message: f.message };
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
  if (caller.role !== 'admin')
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
  const now = opts.nowMicros ?? nowMicros;
  return syncOnce(store, { ...opts, nowMicros: now, ingest: syncIngest(store, now) }, signal);
}

/** `accord serve` and `accord sync --watch`: syncs configured peers in the background until stopped. */
export function startPeerSync(store: Store, opts: SyncBackgroundOptions = {}): FederationHandle {
  const now = opts.nowMicros ?? nowMicros;
  return startFederation(store, { ...opts, nowMicros: now, ingest: syncIngest(store, now) });
}
