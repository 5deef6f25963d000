import { afterEach, describe, expect, it } from 'vitest';
import {
  addCollection,
  addEmbargo,
  addSharingGroup,
  configurePeer,
  peerStatuses,
  syncPeersOnce,
} from '../../src/core/index.js';
import { TLP_V2 } from '../../src/stix/index.js';
import { startScriptedServer } from '../../src/taxii/client/test-support/scripted-server.js';
import { waitFor } from '../support/wait-for.js';
import { COLLECTION, indicator, ORGS, startNode, type TestNode } from './support/in-process-node.js';

const PRIVATE = '2f1c7c55-8d3e-4c8e-9a57-1f0f5c3c1002';
const nodes: TestNode[] = [];
afterEach(async () => {
  while (nodes.length > 0) await nodes.pop()?.close();
});

async function start(...names: ('us' | 'uk' | 'eu')[]): Promise<TestNode[]> {
  const started = await Promise.all(names.map((n) => startNode(n)));
  nodes.push(...started);
  return started;
}

/** `local` reads peer `remote` as `<local>-peer` on the remote node. */
async function link(
  local: TestNode,
  remote: TestNode,
  dirs: { pull?: boolean; push?: boolean },
  url = remote.discovery,
) {
  await configurePeer(local.store, {
    name: remote.name,
    url,
    username: `${local.name}-peer`,
    password: `pw-${local.name}-peer-secret`,
    remoteCollection: COLLECTION,
    localCollection: COLLECTION,
    ...dirs,
  });
}

async function publish(node: TestNode, objects: Record<string, unknown>[]): Promise<void> {
  const status = await node.client('editor').addObjects(node.apiRoot, COLLECTION, objects);
  expect(status.failures).toEqual([]);
}

async function visibleIds(node: TestNode, username: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const o of node
    .client(username)
    .objects(node.apiRoot, COLLECTION, { versions: ['all'], types: ['indicator'] }))
    ids.push(String(o.id));
  return ids.sort();
}

const once = (node: TestNode, peer?: string) =>
  syncPeersOnce(node.store, { pageSize: 3, ...(peer === undefined ? {} : { peer }) });

describe('pull', () => {
  it('5.4 pulls every version across pages with origin peer:NAME, once; the producer is the organisation its created_by_ref names, never the relay', async () => {
    const [us, uk] = await start('us', 'uk');
    await link(uk!, us!, { pull: true });
    // Indicator 0 names us as its creator; the others name no one.
    const objects = Array.from({ length: 7 }, (_, i) =>
      indicator(i, i === 0 ? { created_by_ref: ORGS.us } : {}),
    );
    await publish(us!, objects);
    const v2 = { ...objects[0], modified: '2024-06-01T00:00:00.000Z', name: 'second version' };
    await publish(us!, [v2]);
    const [report] = await once(uk!);
    expect(report?.error).toBeUndefined();
    expect(report?.pull?.received).toBe(8);
    expect(report?.pull?.pages).toBeGreaterThan(2);
    const rows = await uk!.store.getVersions(COLLECTION, String(indicator(0).id));
    expect(rows.map((r) => [r.version, r.origin, r.producerOrg])).toEqual([
      ['2024-05-01T10:00:00.000Z', 'peer:us', 'us'],
      ['2024-06-01T00:00:00.000Z', 'peer:us', 'us'],
    ]);
    // A version naming no creator is the peer's own (it speaks for its own organisation).
    const unnamed = await uk!.store.getVersions(COLLECTION, String(indicator(1).id));
    expect(unnamed.map((r) => [r.origin, r.producerOrg])).toEqual([['peer:us', 'us']]);
    // A second run starts at the persisted cursor: nothing new, nothing doubled.
    const [again] = await once(uk!);
    expect(again?.pull?.received).toBe(0);
    expect((await uk!.store.getPeerState('us'))?.pullCursor).toMatch(/^\d{4}-\d\d-\d\dT/);
    for (const o of objects)
      expect(await uk!.store.getVersions(COLLECTION, String(o.id))).toHaveLength(o === objects[0] ? 2 : 1);
  });

  it('a differing copy of the same id and version is kept once and shown as a conflict', async () => {
    const [us, uk] = await start('us', 'uk');
    await link(uk!, us!, { pull: true });
    await publish(us!, [indicator(1, { name: 'from us' })]);
    await publish(uk!, [indicator(1, { name: 'from uk' })]);
    const [report] = await once(uk!);
    expect(report?.pull?.conflicts).toBe(1);
    const rows = await uk!.store.getVersions(COLLECTION, String(indicator(1).id));
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.json).name).toBe('from uk');
    const [status] = await peerStatuses(uk!.store);
    expect(status?.conflicts).toBe(1);
    expect(status?.recentConflicts[0]?.objectId).toBe(indicator(1).id);
  });

  it('fetches a referenced marking definition the page lacks from the peer, so the object is not hidden', async () => {
    const [us, uk] = await start('us', 'uk');
    const group = await addSharingGroup(us!.store, { id: 'pair', members: ['us', 'uk'] });
    await publish(us!, [group]);
    // uk's cursor starts after the definition (as for a peer added later with a cursor).
    const after = (
      await us!.client('admin').getManifest(us!.apiRoot, COLLECTION, { ids: [String(group.id)] })
    ).objects[0]!;
    await link(uk!, us!, { pull: true });
    await uk!.store.putPeerState({ name: 'us', pullCursor: after.date_added });
    const red = indicator(40, { object_marking_refs: [TLP_V2.red.id, group.id] });
    await publish(us!, [red]);
    const [report] = await once(uk!);
    expect(report?.pull?.received).toBe(1);
    expect((await uk!.store.listMarkingDefinitions()).has(String(group.id))).toBe(true);
    expect(await visibleIds(uk!, 'admin')).toEqual([red.id]);
  });

  it('an object the peer sent with a key twice is rejected, never stored (STIX 2.1 section 2.3)', async () => {
    const [uk] = await start('uk');
    // A peer whose serialiser wrote a key twice: JSON.parse keeps TLP:CLEAR, a reader keeping the
    // first value would see TLP:RED.
    const twice = JSON.stringify(indicator(2)).replace(
      /}$/,
      `,"object_marking_refs":["${TLP_V2.red.id}"],"object_marking_refs":["${TLP_V2.clear.id}"]}`,
    );
    const peer = await startScriptedServer((req) => {
      if (req.url === '/taxii2/')
        return { status: 200, body: { title: 'peer', default: '/api1/', api_roots: ['/api1/'] } };
      if (req.url === '/api1/')
        return {
          status: 200,
          body: { title: 'r', versions: ['application/taxii+json;version=2.1'], max_content_length: 1e6 },
        };
      return { status: 200, raw: `{"more":false,"objects":[${JSON.stringify(indicator(1))},${twice}]}` };
    });
    try {
      await link(uk!, { name: 'us', discovery: `${peer.url}/taxii2/` } as TestNode, { pull: true });
      const [report] = await once(uk!);
      expect(report?.pull).toMatchObject({ received: 2, accepted: 1, rejected: 1 });
      expect(report?.pull?.rejections[0]).toMatch(/object_marking_refs" appears twice/);
      expect(await uk!.store.getVersions(COLLECTION, String(indicator(2).id))).toEqual([]);
      expect(await uk!.store.getVersions(COLLECTION, String(indicator(1).id))).toHaveLength(1);
    } finally {
      await peer.close();
    }
  });

  it('an unreachable peer is reported in the state, not thrown', async () => {
    const [us, uk] = await start('us', 'uk');
    await link(uk!, us!, { pull: true }, 'http://127.0.0.1:1/taxii2/');
    const [report] = await syncPeersOnce(uk!.store, { client: { retry: { maxAttempts: 1 } } });
    expect(report?.errorCode).toBe('TAXII_CLIENT_NETWORK');
    const [status] = await peerStatuses(uk!.store);
    expect(status?.lastError).toContain('TAXII_CLIENT_NETWORK');
    expect(status?.lastSuccess).toBeNull();
  });
});

describe('push', () => {
  it('a version hidden by a marking definition unknown at push time is pushed once the definition arrives', async () => {
    const [uk, eu] = await start('uk', 'eu');
    const statement = {
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--6b9c3f0e-5a2d-4c1e-9f7a-2d3b4c5e6f70',
      created: '2024-05-01T00:00:00.000Z',
      definition_type: 'statement',
      definition: { statement: 'Shared under the partners arrangement' },
    };
    const marked = indicator(50, { object_marking_refs: [statement.id] });
    await publish(uk!, [marked]);
    await link(uk!, eu!, { push: true });
    await once(uk!);
    // CONTRACT.md: an unknown definition hides the object from all but its producer.
    expect(await eu!.store.getVersions(COLLECTION, String(marked.id))).toEqual([]);
    await publish(uk!, [statement]);
    await once(uk!);
    expect(await eu!.store.getVersions(COLLECTION, String(marked.id))).toHaveLength(1);
  });

  it('5.5 pushes local versions once, and nothing back to the peer they came from', async () => {
    const [us, uk] = await start('us', 'uk');
    await link(us!, uk!, { push: true, pull: true });
    await publish(us!, [indicator(1), indicator(2)]);
    await publish(uk!, [indicator(3)]);
    const [first] = await once(us!);
    expect(first?.error).toBeUndefined();
    expect(first?.pull?.received).toBe(1);
    expect(first?.push?.sent).toBe(2); // indicator 3 came from uk: not sent back
    expect(await visibleIds(uk!, 'admin')).toEqual(
      [indicator(1).id, indicator(2).id, indicator(3).id].sort(),
    );
    const onUk = await uk!.store.getVersions(COLLECTION, String(indicator(1).id));
    expect(onUk.map((r) => r.producerOrg)).toEqual(['us']);
    const [second] = await once(us!);
    expect(second?.push?.sent).toBe(0);
    expect(second?.pull?.echoes ?? 0).toBe(0);
  });

  it('7.2 a TLP:RED object of a us+uk sharing group reaches uk, never eu; its marking definition travels with it', async () => {
    const [us, uk, eu] = await start('us', 'uk', 'eu');
    const group = await addSharingGroup(us!.store, { id: 'five', members: ['us', 'uk'] });
    const red = indicator(9, { object_marking_refs: [TLP_V2.red.id, group.id] });
    await publish(us!, [red, indicator(10)]);
    await link(us!, uk!, { push: true });
    await link(us!, eu!, { push: true });
    const reports = await once(us!);
    expect(reports.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(await visibleIds(uk!, 'admin')).toContain(red.id);
    expect((await uk!.store.listMarkingDefinitions()).has(String(group.id))).toBe(true);
    const sends = (await us!.store.listAudit({ orgId: 'uk' })).filter((e) => e.action === 'send');
    expect(sends.map((e) => [e.objectId, e.marking])).toEqual([[red.id, 'red']]);
    expect(await eu!.store.getVersions(COLLECTION, String(red.id))).toEqual([]);
    expect(await visibleIds(eu!, 'admin')).toEqual([indicator(10).id]);
    expect((await eu!.store.listMarkingDefinitions()).has(String(group.id))).toBe(false);
    // uk forwards only what eu may see either.
    await link(uk!, eu!, { push: true });
    await once(uk!);
    expect(await eu!.store.getVersions(COLLECTION, String(red.id))).toEqual([]);
  });

  it('4.3.1 objects the peer refuses are retried, then recorded and shown', async () => {
    const [us, uk] = await start('us', 'uk');
    await publish(uk!, [indicator(4, { name: 'uk copy' })]);
    await publish(us!, [indicator(4, { name: 'us copy' }), indicator(5)]);
    await link(us!, uk!, { push: true });
    const [report] = await syncPeersOnce(us!.store, { pushRetries: 1 });
    expect(report?.push?.refused).toBe(1);
    expect(report?.push?.sent).toBe(1);
    const [status] = await peerStatuses(us!.store);
    expect(status?.refused).toBe(1);
    expect(status?.lastError).toContain(String(indicator(4).id));
  });
});

describe('redaction and permissions', () => {
  it('7.2.3 pushes the redacted view; the redacted copy pulled back is an echo, not a conflict', async () => {
    const [us, uk] = await start('us', 'uk');
    const usOnly = await addSharingGroup(us!.store, { id: 'us-only', members: ['us'] });
    const marked = indicator(30, {
      description: 'source: a sensitive human report',
      granular_markings: [{ marking_ref: usOnly.id, selectors: ['description'] }],
    });
    await publish(us!, [marked]);
    await link(us!, uk!, { push: true, pull: true });
    const [first] = await once(us!);
    expect(first?.error).toBeUndefined();
    const onUk = await uk!.store.getVersions(COLLECTION, String(marked.id));
    expect(onUk).toHaveLength(1);
    const copy = JSON.parse(onUk[0]!.json) as Record<string, unknown>;
    expect(copy.description).toBeUndefined();
    expect(copy.name).toBe(marked.name);
    const [second] = await once(us!);
    expect(second?.pull?.echoes).toBe(1);
    expect(second?.pull?.conflicts).toBe(0);
    expect((await peerStatuses(us!.store))[0]?.conflicts).toBe(0);
  });

  it('refuses to push a collection the peer organisation may not read', async () => {
    const [us, uk] = await start('us', 'uk');
    await addCollection(us!.store, { id: PRIVATE, title: 'Private', canRead: ['us'], canWrite: ['us'] });
    await configurePeer(us!.store, {
      name: 'uk',
      url: uk!.discovery,
      username: 'us-peer',
      password: 'pw-us-peer-secret',
      remoteCollection: COLLECTION,
      localCollection: PRIVATE,
      push: true,
    });
    const [report] = await once(us!);
    expect(report?.errorCode).toBe('SYNC_PUSH_NOT_PERMITTED');
  });
});

describe('embargo', () => {
  it('co-signer peers receive an embargoed object before release; others only from the release on', async () => {
    const [us, uk, eu] = await start('us', 'uk', 'eu');
    const releaseAt = new Date(Date.now() + 2500).toISOString();
    const embargo = await addEmbargo(us!.store, { releaseAt, cosigners: ['us', 'uk'] });
    const advisory = indicator(20, { object_marking_refs: [embargo.id] });
    await publish(us!, [advisory]);
    await link(us!, uk!, { push: true });
    await link(us!, eu!, { push: true });
    await once(us!);
    expect(await visibleIds(uk!, 'admin')).toEqual([advisory.id]); // co-signer, early
    expect(await visibleIds(uk!, 'press')).toEqual([]); // not before release on uk either
    expect(await eu!.store.getVersions(COLLECTION, String(advisory.id))).toEqual([]);
    await waitFor(() => Date.now() > Date.parse(releaseAt), { message: 'the release time' });
    await once(us!);
    // Stored after its release time on eu: one version, listed once through its added entry.
    expect(await eu!.store.getVersions(COLLECTION, String(advisory.id))).toHaveLength(1);
    expect(await visibleIds(eu!, 'press')).toEqual([advisory.id]);
    expect(await visibleIds(uk!, 'press')).toEqual([advisory.id]);
  });
});

describe('peers', () => {
  it('peer add checks its input; neither --pull nor --push means both', async () => {
    const [us] = await start('us');
    const base = {
      url: 'https://uk.example/taxii2/',
      username: 'u',
      password: 'p',
      remoteCollection: 'r',
      localCollection: COLLECTION,
    };
    await expect(configurePeer(us!.store, { ...base, name: 'Bad Name' })).rejects.toMatchObject({
      code: 'SYNC_BAD_PEER_NAME',
    });
    await expect(configurePeer(us!.store, { ...base, name: 'uk', url: 'ftp://x' })).rejects.toMatchObject({
      code: 'SYNC_BAD_PEER_URL',
    });
    await expect(configurePeer(us!.store, { ...base, name: 'nl' })).rejects.toMatchObject({
      code: 'SYNC_UNKNOWN_ORG',
    });
    await expect(
      configurePeer(us!.store, { ...base, name: 'uk', localCollection: 'nope' }),
    ).rejects.toMatchObject({
      code: 'SYNC_UNKNOWN_COLLECTION',
    });
    await expect(configurePeer(us!.store, { ...base, name: 'uk', intervalSeconds: 0 })).rejects.toMatchObject(
      { code: 'SYNC_BAD_INTERVAL' },
    );
    const peer = await configurePeer(us!.store, { ...base, name: 'uk' });
    expect([peer.pull, peer.push, peer.orgId, peer.intervalSeconds]).toEqual([true, true, 'uk', 60]);
  });

  it('GET /api/peers shows state to admins, 403 to others, 401 without credentials, never the password', async () => {
    const [us, uk] = await start('us', 'uk');
    await link(us!, uk!, { pull: true });
    await publish(uk!, [indicator(30)]);
    await once(us!);
    const get = (user?: string) =>
      fetch(
        `${us!.url}/api/peers`,
        user
          ? {
              headers: {
                authorization: `Basic ${Buffer.from(`${user}:pw-${user}-secret`).toString('base64')}`,
              },
            }
          : {},
      );
    const ok = await get('admin');
    expect(ok.status).toBe(200);
    const text = await ok.text();
    expect(text).not.toContain('pw-us-peer-secret');
    const body = JSON.parse(text) as {
      peers: { name: string; lastSuccess: string | null; lagSeconds: number; counters: unknown }[];
    };
    expect(body.peers.map((p) => p.name)).toEqual(['uk']);
    expect(body.peers[0]?.lastSuccess).not.toBeNull();
    // Issue 17: the counters kept apart per direction travel with the state.
    expect(body.peers[0]?.counters).toEqual({
      pull: { new: 1, updated: 0, unchanged: 0, refused: 0, invalid: 0, transportErrors: 0 },
      push: { sent: 0, refused: 0, transportErrors: 0 },
    });
    expect((await get('editor')).status).toBe(403);
    expect((await get()).status).toBe(401);
  });
});
