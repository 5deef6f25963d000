/**
 * One run of a peer at a time across every process on the store (issue 18): several
 * `accord serve` processes each start the peers' loops, and a CLI `accord sync` may run beside
 * them; a run first takes the peer's lease, renews it while it works, and gives it up at the end.
 * Without it two processes pull the same pages, race on the peer's cursor and count its
 * counters twice. A process that dies keeps the lease only until it expires.
 */

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { LeaseStore } from '../store/index.js';

/** How long a lease lasts without renewal: a dead holder delays the peer by at most this. */
export const PEER_LEASE_MS = 60_000;

/** A name for this process as a lease holder (host and pid help an operator read the table). */
export function leaseHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

function leaseName(peer: string): string {
  return `sync:${peer}`;
}

/**
 * Runs `run` while holding the peer's lease, renewed every third of its life; answers
 * `{ ran: false }` at once when another holder has it. When a renewal finds the lease lost (this
 * process stalled past its expiry and another took it), `run`'s signal is aborted.
 */
export async function withPeerLease<T>(
  store: LeaseStore,
  peer: string,
  holder: string,
  run: (signal: AbortSignal) => Promise<T>,
  { ttlMs = PEER_LEASE_MS, signal }: { readonly ttlMs?: number; readonly signal?: AbortSignal } = {},
): Promise<{ ran: true; value: T } | { ran: false }> {
  const name = leaseName(peer);
  if (!(await store.acquireLease(name, holder, ttlMs))) return { ran: false };
  const lost = new AbortController();
  const renew = setInterval(
    () => {
      store.acquireLease(name, holder, ttlMs).then(
        (kept) => {
          if (!kept) lost.abort(new Error(`the lease of peer ${peer} was taken by another process`));
        },
        // A failed renewal is retried at the next tick; the lease still runs until it expires.
        () => {},
      );
    },
    Math.max(1, Math.floor(ttlMs / 3)),
  );
  try {
    const value = await run(signal ? AbortSignal.any([signal, lost.signal]) : lost.signal);
    return { ran: true, value };
  } finally {
    clearInterval(renew);
    await store.releaseLease(name, holder).catch(() => {
      // Not released: it expires on its own.
    });
  }
}
