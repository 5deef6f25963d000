/**
 * Issue 17: each peer's cumulative counters, per direction, moved by sync runs against a real
 * second node: new, updated, unchanged, refused by policy, invalid and transport errors on pull;
 * sent, refused by the peer and transport errors on push.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { peerStatuses, syncPeersOnce } from '../../src/core/index.js';
import {
  COLLECTION,
  indicator,
  linkPeer,
  ORGS,
  startNode,
  type TestNode,
} from './support/in-process-node.js';

const nodes: TestNode[] = [];
afterEach(async () => {
  while (nodes.length > 0) await nodes.pop()?.close();
});

async function start(...names: ('us' | 'uk')[]): Promise<TestNode[]> {
  const started = await Promise.all(names.map((n) => startNode(n)));
  nodes.push(...started);
  return started;
}

async function publish(node: TestNode, objects: Record<string, unknown>[]): Promise<void> {
  const status = await node.client('editor').addObjects(node.apiRoot, COLLECTION, objects);
  expect(status.failures).toEqual([]);
}

/** Versions written straight into a node's store, past its own checks (a faulty or hostile peer). */
async function forge(node: TestNode, objects: Record<string, unknown>[]): Promise<void> {
  await node.store.addVersions(
    COLLECTION,
    objects.map((object) => ({ object, producerOrg: node.name, origin: 'local' })),
  );
}

const sync = (node: TestNode) =>
  syncPeersOnce(node.store, { pageSize: 2, client: { retry: { maxAttempts: 1 } } });

async function counters(node: TestNode) {
  const [status] = await peerStatuses(node.store);
  return status!.counters;
}

const NO_PUSH = { sent: 0, refused: 0, transportErrors: 0 };
const pulled = (
  c: Partial<Record<'new' | 'updated' | 'unchanged' | 'refused' | 'invalid' | 'transportErrors', number>>,
) => ({
  new: 0,
  updated: 0,
  unchanged: 0,
  refused: 0,
  invalid: 0,
  transportErrors: 0,
  ...c,
});

describe('peer counters (issue 17)', () => {
  it('pull counts new, updated, unchanged, refused by policy, invalid and transport errors apart', async () => {
    const [us, uk] = await start('us', 'uk');
    await linkPeer(uk!, us!, { pull: true });
    expect(await counters(uk!)).toEqual({ pull: pulled({}), push: NO_PUSH });

    await publish(us!, [indicator(1), indicator(2)]);
    expect((await sync(uk!))[0]?.error).toBeUndefined();
    expect((await counters(uk!)).pull).toEqual(pulled({ new: 2 }));

    // A new version of a known object is an update, not a new object.
    await publish(us!, [indicator(1, { modified: '2024-06-01T00:00:00.000Z', name: 'second' })]);
    await sync(uk!);
    expect((await counters(uk!)).pull).toEqual(pulled({ new: 2, updated: 1 }));

    // us relays a version in eu's name (uk lets us speak only for us): refused by policy; and an
    // indicator whose pattern does not parse: invalid.
    await forge(us!, [
      indicator(3, { created_by_ref: ORGS.eu }),
      indicator(4, { pattern: "[ipv4-addr:value = '198.51.100.4'" }),
    ]);
    const [report] = await sync(uk!);
    expect(report?.pull?.rejected).toBe(2);
    expect((await counters(uk!)).pull).toEqual(pulled({ new: 2, updated: 1, refused: 1, invalid: 1 }));
    expect(await uk!.store.getVersions(COLLECTION, String(indicator(3).id))).toEqual([]);

    // Pulled again from the start: what is stored exactly so is unchanged; the rest is counted again.
    const { pullCursor: _, ...rest } = (await uk!.store.getPeerState('us'))!;
    await uk!.store.putPeerState(rest);
    await sync(uk!);
    expect((await counters(uk!)).pull).toEqual(
      pulled({ new: 2, updated: 1, unchanged: 3, refused: 2, invalid: 2 }),
    );

    // The peer goes away: one transport error on pull, nothing else moves.
    await nodes.shift()?.close();
    const [failed] = await sync(uk!);
    expect(failed?.errorCode).toBe('TAXII_CLIENT_NETWORK');
    expect(await counters(uk!)).toEqual({
      pull: pulled({ new: 2, updated: 1, unchanged: 3, refused: 2, invalid: 2, transportErrors: 1 }),
      push: NO_PUSH,
    });
  });

  it('push counts versions sent, refused by the peer and transport errors apart', async () => {
    const [us, uk] = await start('us', 'uk');
    // uk holds another content under indicator 4's id and version: it refuses us's copy.
    await publish(uk!, [indicator(4, { name: 'uk copy' })]);
    await publish(us!, [indicator(4, { name: 'us copy' }), indicator(5)]);
    await linkPeer(us!, uk!, { push: true });
    const [report] = await syncPeersOnce(us!.store, { pushRetries: 1 });
    expect(report?.push).toMatchObject({ sent: 1, refused: 1 });
    expect(await counters(us!)).toEqual({
      pull: pulled({}),
      push: { sent: 1, refused: 1, transportErrors: 0 },
    });

    await publish(us!, [indicator(6)]);
    await nodes.pop()?.close(); // uk
    const [failed] = await sync(us!);
    expect(failed?.errorCode).toBe('TAXII_CLIENT_NETWORK');
    expect(await counters(us!)).toEqual({
      pull: pulled({}),
      push: { sent: 1, refused: 1, transportErrors: 1 },
    });
  });
});
