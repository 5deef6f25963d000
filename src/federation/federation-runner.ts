/**
 * Runs configured peers in the background (`accord serve`, `accord sync --watch`): each peer
 * syncs, then waits its interval (or the override), until stopped. The peer list is read again
 * every `rescanMs`, so peers added with `accord peer add` while the node runs are picked up.
 * Every process on one store runs these loops; each run holds the peer's lease, so a peer is
 * synced by one process at a time (peer-run-lease.ts).
 */
import type { PeerRecord, Store } from '../store/index.js';
import { PeerLink } from './peer-link.js';
import { leaseHolder, withPeerLease } from './peer-run-lease.js';
import { type SyncReport, syncPeer } from './sync-peer.js';
import type { SyncOptions } from './sync-ports.js';

/** Background settings on top of SyncOptions. */
export interface FederationOptions extends SyncOptions {
  /** Only this peer (default: every configured peer). */
  readonly peer?: string;
  /** Wait between runs of a peer, in ms, instead of its `intervalSeconds` (e.g. `sync --watch`). */
  readonly intervalMs?: number;
  /** How often the peer list is read again, in ms (default 5,000). */
  readonly rescanMs?: number;
  /** Called after every run of a peer. */
  readonly onReport?: (report: SyncReport) => void;
  /** This process's name as holder of peers' leases (default: host, pid and a random part). */
  readonly holder?: string;
}

/** A running federation; `stop` cancels requests in flight and waits for the loops to end. */
export interface FederationHandle {
  stop(): Promise<void>;
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function sameConfig(a: PeerRecord, b: PeerRecord): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Starts syncing every configured peer (or one) in the background. */
export function startFederation(store: Store, opts: FederationOptions): FederationHandle {
  const ctl = new AbortController();
  const loops = new Map<string, { peer: PeerRecord; stop: AbortController; done: Promise<void> }>();
  const holder = opts.holder ?? leaseHolder();

  const runPeer = async (initial: PeerRecord, stop: AbortController): Promise<void> => {
    const signal = AbortSignal.any([ctl.signal, stop.signal]);
    const link = new PeerLink(initial, opts.client);
    while (!signal.aborted) {
      try {
        const run = await withPeerLease(
          store,
          initial.name,
          holder,
          (s) => syncPeer(store, initial, link, opts, s),
          {
            signal,
          },
        );
        if (run.ran) opts.onReport?.(run.value);
        else opts.log?.debug?.({ peer: initial.name }, 'peer is being synced by another process');
      } catch (err) {
        // Stopped: the loop ends. Otherwise the lease was lost mid-run or could not be taken
        // (the store failed): say so, and try again after the interval.
        if (!signal.aborted)
          opts.log?.warn(
            { peer: initial.name, err: err instanceof Error ? err.message : String(err) },
            'peer run stopped',
          );
      }
      await wait(opts.intervalMs ?? initial.intervalSeconds * 1000, signal);
    }
  };

  const rescan = async (): Promise<void> => {
    const peers = (await store.listPeers()).filter((p) => opts.peer === undefined || p.name === opts.peer);
    for (const peer of peers) {
      const running = loops.get(peer.name);
      if (running && sameConfig(running.peer, peer)) continue;
      if (running) {
        running.stop.abort();
        await running.done;
      }
      const stop = new AbortController();
      loops.set(peer.name, { peer, stop, done: runPeer(peer, stop) });
    }
  };

  const main = (async () => {
    while (!ctl.signal.aborted) {
      try {
        await rescan();
      } catch (err) {
        opts.log?.warn({ err: err instanceof Error ? err.message : String(err) }, 'reading peers failed');
      }
      await wait(opts.rescanMs ?? 5000, ctl.signal);
    }
  })();

  return {
    stop: async () => {
      ctl.abort();
      await main;
      await Promise.all([...loops.values()].map((l) => l.done));
    },
  };
}

/** How often `syncOnce` looks again at a peer another process is syncing. */
const LEASE_RETRY_MS = 250;

/**
 * Syncs every configured peer (or one) once, in turn; returns one report per peer. A peer that
 * another process is syncing is waited for, then synced: a user who asked for a run gets one.
 */
export async function syncOnce(
  store: Store,
  opts: SyncOptions & { readonly peer?: string; readonly holder?: string },
  signal?: AbortSignal,
): Promise<SyncReport[]> {
  const peers = (await store.listPeers()).filter((p) => opts.peer === undefined || p.name === opts.peer);
  const holder = opts.holder ?? leaseHolder();
  const reports: SyncReport[] = [];
  for (const peer of peers) {
    const link = new PeerLink(peer, opts.client);
    for (;;) {
      signal?.throwIfAborted();
      const run = await withPeerLease(store, peer.name, holder, (s) => syncPeer(store, peer, link, opts, s), {
        ...(signal ? { signal } : {}),
      });
      if (run.ran) {
        reports.push(run.value);
        break;
      }
      await wait(LEASE_RETRY_MS, signal ?? new AbortController().signal);
    }
  }
  return reports;
}
