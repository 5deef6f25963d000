import { describe, expect, it } from 'vitest';
import type { LeaseStore, Store } from '../store/index.js';
import { SqliteStore } from '../store/sqlite/index.js';
import { withPeerLease } from './peer-run-lease.js';

async function memoryStore(): Promise<Store> {
  const store = new SqliteStore({ path: ':memory:' });
  await store.init();
  return store;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('one run of a peer at a time (withPeerLease)', () => {
  it('does not run while another holder runs the peer, and runs once it is done', async () => {
    const store = await memoryStore();
    const first = deferred();
    const running = withPeerLease(store, 'us', 'process-a', () => first.promise);
    let secondRan = false;
    const second = await withPeerLease(store, 'us', 'process-b', async () => {
      secondRan = true;
    });
    expect(second).toEqual({ ran: false });
    expect(secondRan).toBe(false);
    // Another peer is another lease.
    expect((await withPeerLease(store, 'eu', 'process-b', async () => 'eu')).ran).toBe(true);
    first.resolve();
    expect(await running).toEqual({ ran: true, value: undefined });
    expect(await withPeerLease(store, 'us', 'process-b', async () => 7)).toEqual({ ran: true, value: 7 });
    await store.close();
  });

  it('gives the lease up when the run fails', async () => {
    const store = await memoryStore();
    await expect(
      withPeerLease(store, 'us', 'process-a', async () => {
        throw new Error('peer unreachable');
      }),
    ).rejects.toThrow('peer unreachable');
    expect(await store.acquireLease('sync:us', 'process-b', 60_000)).toBe(true);
    await store.close();
  });

  it('aborts the run when a renewal finds the lease taken by another process', async () => {
    const store = await memoryStore();
    // A process that stalled past its lease: the next renewal finds another holder.
    let acquisitions = 0;
    const stalled: LeaseStore = {
      acquireLease: async () => ++acquisitions === 1,
      releaseLease: (name, holder) => store.releaseLease(name, holder),
    };
    const outcome = await withPeerLease(
      stalled,
      'us',
      'process-a',
      (signal) =>
        new Promise<string>((resolve) => {
          signal.addEventListener('abort', () => resolve(String((signal.reason as Error).message)));
        }),
      { ttlMs: 30 },
    );
    expect(outcome).toEqual({ ran: true, value: 'the lease of peer us was taken by another process' });
    await store.close();
  });
});
