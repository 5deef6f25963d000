import { afterEach, describe, expect, it } from 'vitest';
import { configurePeer, startPeerSync } from '../../src/core/index.js';
import type { SyncReport } from '../../src/federation/index.js';
import { COLLECTION, indicator, startNode, type TestNode } from './support/in-process-node.js';

const nodes: TestNode[] = [];
afterEach(async () => {
  while (nodes.length > 0) await nodes.pop()?.close();
});

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

describe('background sync', () => {
  it('picks up a peer added while running, keeps syncing it, and stops cleanly', async () => {
    const [us, uk] = await Promise.all([startNode('us'), startNode('uk')]);
    nodes.push(us, uk);
    const reports: SyncReport[] = [];
    const handle = startPeerSync(uk.store, {
      intervalMs: 50,
      rescanMs: 50,
      onReport: (r) => reports.push(r),
    });
    await configurePeer(uk.store, {
      name: 'us',
      url: us.apiRoot, // an API root URL works as well as the discovery URL
      username: 'uk-peer',
      password: 'pw-uk-peer-secret',
      remoteCollection: COLLECTION,
      localCollection: COLLECTION,
      pull: true,
    });
    const has = async (o: Record<string, unknown>) =>
      (await uk.store.getVersions(COLLECTION, String(o.id))).length > 0;
    await us.client('editor').addObjects(us.apiRoot, COLLECTION, [indicator(1)]);
    expect(await until(() => has(indicator(1)))).toBe(true);
    await us.client('editor').addObjects(us.apiRoot, COLLECTION, [indicator(2)]);
    expect(await until(() => has(indicator(2)))).toBe(true);
    expect(reports.every((r) => r.error === undefined)).toBe(true);
    await handle.stop();
    const runs = reports.length;
    await us.client('editor').addObjects(us.apiRoot, COLLECTION, [indicator(3)]);
    await new Promise((r) => setTimeout(r, 300));
    expect(reports.length).toBe(runs);
    expect(await has(indicator(3))).toBe(false);
  });
});
