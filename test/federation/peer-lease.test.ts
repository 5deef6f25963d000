/**
 * Issue 18: several processes on one store each run the peers' loops; a peer's lease lets one
 * of them sync it at a time. Two federations with different holders on one store stand for two
 * `accord serve` processes on one database (the lease is shared through the store, not memory).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { peerStatuses, startPeerSync, syncPeersOnce } from '../../src/core/index.js';
import type { Store } from '../../src/store/index.js';
import { waitFor } from '../support/wait-for.js';
import { COLLECTION, indicator, linkPeer, startNode, type TestNode } from './support/in-process-node.js';

const nodes: TestNode[] = [];
afterEach(async () => {
  while (nodes.length > 0) await nodes.pop()?.close();
});

async function publish(node: TestNode, from: number, count: number): Promise<void> {
  const objects = Array.from({ length: count }, (_, i) => indicator(from + i));
  const status = await node.client('editor').addObjects(node.apiRoot, COLLECTION, objects);
  expect(status.failures).toEqual([]);
}

/** Versions of the published indicators that `node` stores. */
async function pulledCount(node: TestNode, upTo = 100): Promise<number> {
  let n = 0;
  for (let i = 0; i < upTo; i++)
    n += (await node.store.getVersions(COLLECTION, String(indicator(i).id))).length;
  return n;
}

describe('one process syncs a peer at a time', () => {
  it('counts every pulled object once when two processes run the same peer', async () => {
    const [us, uk] = await Promise.all([startNode('us'), startNode('uk')]);
    nodes.push(us as TestNode, uk as TestNode);
    if (us === undefined || uk === undefined) throw new Error('nodes did not start');
    await linkPeer(uk, us, { pull: true });
    const loops = ['process-a', 'process-b'].map((holder) =>
      startPeerSync(uk.store, { holder, intervalMs: 1, rescanMs: 10 }),
    );
    for (let batch = 0; batch < 4; batch++) {
      await publish(us, batch * 25, 25);
      await waitFor(async () => (await pulledCount(uk)) === (batch + 1) * 25, {
        message: `uk to pull batch ${batch}`,
      });
    }
    await Promise.all(loops.map((l) => l.stop()));
    const [status] = await peerStatuses(uk.store);
    // Two runs of one peer at once would pull the same pages: the second counts them unchanged.
    expect(status?.counters.pull).toMatchObject({ new: 100, unchanged: 0 });
  });

  it('has `accord sync` wait for a run another process holds, then run', async () => {
    const [us, uk] = await Promise.all([startNode('us'), startNode('uk')]);
    nodes.push(us as TestNode, uk as TestNode);
    if (us === undefined || uk === undefined) throw new Error('nodes did not start');
    await linkPeer(uk, us, { pull: true });
    await publish(us, 0, 3);
    expect(await uk.store.acquireLease('sync:us', 'another-process', 60_000)).toBe(true);
    let tries = 0;
    const counting = new Proxy(uk.store, {
      get(target, key) {
        if (key === 'acquireLease')
          return (name: string, holder: string, ttlMs: number) => {
            if (name === 'sync:us') tries++;
            return target.acquireLease(name, holder, ttlMs);
          };
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Store;
    let released = false;
    const run = syncPeersOnce(counting, { holder: 'cli' });
    await waitFor(() => tries >= 2, { message: '`accord sync` to find the peer busy twice' });
    expect(await pulledCount(uk)).toBe(0);
    released = true;
    await uk.store.releaseLease('sync:us', 'another-process');
    const [report] = await run;
    expect(released).toBe(true);
    expect(report?.pull?.counts.new).toBe(3);
    expect(await pulledCount(uk)).toBe(3);
  });
});
