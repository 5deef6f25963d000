/**
 * Issue 13, reproductions 5 and 6, between two real nodes over TAXII: provenance of relayed
 * versions (a relay never becomes the producer of what others created) and sharing groups made
 * with `accord group add` travelling to a peer that pulls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addSharingGroup, syncPeersOnce } from '../../src/core/index.js';
import { TLP_V2 } from '../../src/stix/index.js';
import {
  COLLECTION,
  indicator,
  linkPeer,
  ORGS,
  startNode,
  type TestNode,
} from '../federation/support/in-process-node.js';

const nodes: TestNode[] = [];
afterEach(async () => {
  while (nodes.length > 0) await nodes.pop()?.close();
});

async function start(...names: ('us' | 'uk' | 'eu')[]): Promise<TestNode[]> {
  const started = await Promise.all(names.map((n) => startNode(n)));
  nodes.push(...started);
  return started;
}

async function seen(node: TestNode, username: string, id: unknown): Promise<boolean> {
  const page = await node.client(username).getManifest(node.apiRoot, COLLECTION, { ids: [String(id)] });
  return page.objects.length > 0;
}

describe('a relaying peer (issue 13)', () => {
  it('5. a version eu created, relayed by us, is refused and audited unless us may speak for eu; then eu is its producer, never us', async () => {
    const [us, uk] = await start('us', 'uk');
    // On us: eu's TLP:RED object, shared with eu and uk only.
    const group = await addSharingGroup(us!.store, { id: 'eu-uk', members: ['eu', 'uk'], asOrg: 'eu' });
    const red = indicator(1, { created_by_ref: ORGS.eu, object_marking_refs: [TLP_V2.red.id, group.id] });
    const status = await us!.client('eu-peer').addObjects(us!.apiRoot, COLLECTION, [red]);
    expect(status.failures).toEqual([]);
    await linkPeer(uk!, us!, { pull: true });
    const [refused] = await syncPeersOnce(uk!.store);
    // The object and its group's definition (made in eu's name) are both eu's: both refused.
    expect(refused?.pull?.rejected).toBe(2);
    expect(await uk!.store.getVersions(COLLECTION, String(red.id))).toEqual([]);
    const audit = await uk!.store.listAudit({});
    expect(
      audit
        .filter((e) => e.action === 'relay.refused')
        .map((e) => e.objectId)
        .sort(),
    ).toEqual([String(group.id), String(red.id)].sort());
    // Configured to speak for eu, us relays it: eu is the producer on uk.
    await linkPeer(uk!, us!, { pull: true }, ['us', 'eu']);
    await uk!.store.putPeerState({ name: 'us' });
    await syncPeersOnce(uk!.store);
    const rows = await uk!.store.getVersions(COLLECTION, String(red.id));
    expect(rows.map((r) => r.producerOrg)).toEqual(['eu']);
    // eu's own users on uk see it; us, the relay, does not (it is not in the group).
    expect(await seen(uk!, 'eu-peer', red.id)).toBe(true);
    expect(await seen(uk!, 'us-peer', red.id)).toBe(false);
    expect(await seen(uk!, 'admin', red.id)).toBe(true);
  });

  it('6. a sharing group made with `accord group add` reaches a peer that pulls an object marked with it', async () => {
    const [us, uk] = await start('us', 'uk');
    const group = await addSharingGroup(us!.store, { id: 'five', members: ['us', 'uk'] });
    const red = indicator(2, { created_by_ref: ORGS.us, object_marking_refs: [TLP_V2.red.id, group.id] });
    const status = await us!.client('editor').addObjects(us!.apiRoot, COLLECTION, [red]);
    expect(status.failures).toEqual([]);
    await linkPeer(uk!, us!, { pull: true });
    const [report] = await syncPeersOnce(uk!.store);
    expect(report?.error).toBeUndefined();
    expect((await uk!.store.listMarkingDefinitions()).has(String(group.id))).toBe(true);
    expect(await seen(uk!, 'admin', red.id)).toBe(true);
    // eu, outside the group, sees neither the object nor the group on uk.
    expect(await seen(uk!, 'eu-peer', red.id)).toBe(false);
    const definition = us!.client('eu-peer').getObject(us!.apiRoot, COLLECTION, String(group.id));
    await expect(definition).rejects.toThrow();
  });
});
