import { afterEach, describe, expect, it } from 'vitest';
import { configurePeer, startPeerSync } from '../../src/core/index.js';
import type { SyncReport } from '../../src/federation/index.js';
import { waitFor } from '../support/wait-for.js';
import { COLLECTION, indicator, startNode, type TestNode } from './support/in-process-node.js';

const nodes: TestNode[] = [];
afterEach(async () => {
  while (nodes.length > 0) await nodes.pop()?.close();
});

describe('background sync', () => {
  it('picks up a peer added while running, keeps syncing it, and stops cleanly', async () => {
    const [us, uk, eu] = await Promise.all([startNode('us'), startNode('uk'), startNode('eu')]);
    nodes.push(us, uk, eu);
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
    const has = async (node: TestNode, o: Record<string, unknown>) =>
      (await node.store.getVersions(COLLECTION, String(o.id))).length > 0;
    await us.client('editor').addObjects(us.apiRoot, COLLECTION, [indicator(1)]);
    await waitFor(() => has(uk, indicator(1)), { message: 'uk to pull indicator 1' });
    await us.client('editor').addObjects(us.apiRoot, COLLECTION, [indicator(2)]);
    await waitFor(() => has(uk, indicator(2)), { message: 'uk to pull indicator 2' });
    expect(reports.every((r) => r.error === undefined)).toBe(true);
    await handle.stop();
    const runs = reports.length;
    // A witness: eu pulls from us on the same schedule. Once eu has indicator 3, uk's loop,
    // had it still run, would have had time to fetch it too.
    const witness = startPeerSync(eu.store, { intervalMs: 50, rescanMs: 50 });
    await configurePeer(eu.store, {
      name: 'us',
      url: us.apiRoot,
      username: 'eu-peer',
      password: 'pw-eu-peer-secret',
      remoteCollection: COLLECTION,
      localCollection: COLLECTION,
      pull: true,
    });
    await us.client('editor').addObjects(us.apiRoot, COLLECTION, [indicator(3)]);
    await waitFor(() => has(eu, indicator(3)), { message: 'the witness eu to pull indicator 3' });
    await witness.stop();
    expect(reports.length).toBe(runs);
    expect(await has(uk, indicator(3))).toBe(false);
  });
});
