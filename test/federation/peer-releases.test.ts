/**
 * Released state per node (docs/decisions/0022-released-state-per-node.md), on one node with its
 * own clock: after a pull, the node asks each due advisory's state of the peer's node, records a
 * decided answer once per (peer, advisory, version), and only for a version it holds whose
 * release time has come; an answer that could not be true (released before the release time, a
 * version not held here, a peer speaking for another node) records nothing. `releaseStates`
 * lists this node and every peer with the states the ADR names.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdvisoryReleases,
  addCollection,
  addOrganization,
  addUser,
  advisoryStatusPerNode,
  draftJointAdvisory,
  nodeServices,
  PEER_RELEASED_ACTION,
  signJointAdvisory,
} from '../../src/core/index.js';
import { peerReleaseUrl } from '../../src/federation/peer-release-request.js';
import { learnPeerReleases, peerReleaseRecords } from '../../src/federation/peer-releases.js';
import { asMicros, formatMicros } from '../../src/stix/index.js';
import type { PeerRecord } from '../../src/store/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';

const COLLECTION = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5c';
const OTHER = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5d';
const S = 1_000_000;

let dir: string;
let store: SqliteStore;
let clock = (Date.now() + 3_600_000) * 1000;
const node = () => nodeServices(store, { now: () => asMicros(clock) });
const iso = (us: number) => formatMicros(asMicros(us), 3);

const peer = (name: string, over: Partial<PeerRecord> = {}): PeerRecord => ({
  name,
  url: `http://127.0.0.1:9/${name}/taxii2/`,
  username: `${name}-peer`,
  password: 'not-used-by-the-double',
  remoteCollection: COLLECTION,
  localCollection: COLLECTION,
  orgId: name,
  speaksFor: [name],
  pull: true,
  push: false,
  intervalSeconds: 60,
  ...over,
});

/** The peer's node as the network double answers it; `asked` lists the URLs asked. */
let answer: (url: string) => unknown = () => ({});
let asked: string[] = [];
const fetchDouble = (async (url: string | URL) => {
  asked.push(String(url));
  return new Response(JSON.stringify(answer(String(url))), {
    headers: { 'content-type': 'application/json' },
  });
}) as typeof fetch;
const learn = (p: PeerRecord) =>
  learnPeerReleases(store, p, { client: { fetch: fetchDouble }, nowMicros: () => asMicros(clock) });

let advisory: string;
let version: string;
let release: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'accord-peer-releases-'));
  store = new SqliteStore({ path: join(dir, 'accord.db') });
  await store.init();
  for (const id of ['us', 'uk', 'eu', 'fr']) await addOrganization(store, { id });
  const fast = { N: 1024, r: 8, p: 1 };
  await addUser(store, { username: 'us-editor', orgId: 'us', password: 'pw-editor-secret' }, fast);
  await addUser(store, { username: 'uk-editor', orgId: 'uk', password: 'pw-editor-secret' }, fast);
  await addUser(
    store,
    { username: 'us-admin', orgId: 'us', password: 'pw-admin-secret', role: 'admin' },
    fast,
  );
  await addCollection(store, { id: COLLECTION, title: 'Joint', canRead: ['*'], canWrite: ['*'] });
  await addCollection(store, { id: OTHER, title: 'Other', canRead: ['*'], canWrite: ['*'] });
  release = clock + 60 * S;
  advisory = await draftJointAdvisory(node(), {
    username: 'us-editor',
    collectionId: COLLECTION,
    title: 'Joint advisory',
    body: '# Patch now',
    cosigners: ['us', 'uk'],
    releaseAt: iso(release),
    tlp: 'green',
  });
  clock += 10 * S;
  await signJointAdvisory(node(), 'us-editor', advisory);
  await signJointAdvisory(node(), 'uk-editor', advisory);
  version = (await advisoryStatusPerNode(node(), 'us-editor', advisory)).version;
  for (const p of [peer('uk'), peer('eu', { pull: false }), peer('fr', { localCollection: OTHER })])
    await store.putPeer(p);
  await store.putPeerState({ name: 'uk', lastSuccess: iso(clock) });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const selfSays = (state: string, at: string, v = version) => ({
  id: advisory,
  nodes: [
    { self: false, state: 'released', version: v, at },
    { self: true, state, version: v, at },
  ],
});

describe('learning a peer node’s release (ADR 0022)', () => {
  it('asks nothing before the release time, so nothing is recorded early', async () => {
    asked = [];
    answer = () => selfSays('released', iso(release));
    clock = release - 1;
    expect(await learn(peer('uk'))).toBe(0);
    expect(asked).toEqual([]);
    expect(await peerReleaseRecords(store, advisory)).toEqual([]);
  });

  it('refuses answers that cannot be true: early, unknown version, malformed, about another node', async () => {
    clock = release + S;
    for (const body of [
      selfSays('released', iso(release - S)), // released before its release time
      selfSays('released', iso(release), '2020-01-01T00:00:00.000Z'), // a version not held here
      selfSays('released', iso(clock + 3600 * S)), // in our future
      selfSays('pending', iso(release)),
      { nodes: [{ self: false, state: 'released', version, at: iso(release) }] },
      { nodes: 'released' },
      'released',
    ]) {
      asked = [];
      answer = () => body;
      expect(await learn(peer('uk'))).toBe(0);
      expect(asked).toEqual([peerReleaseUrl(peer('uk'), advisory)]);
    }
    expect(await peerReleaseRecords(store, advisory)).toEqual([]);
  });

  it('records a decided answer once per (peer, advisory, version) and stops asking', async () => {
    answer = () => selfSays('released', iso(release + 200_000));
    asked = [];
    expect(await learn(peer('uk'))).toBe(1);
    expect(await learn(peer('uk'))).toBe(0);
    expect(asked).toHaveLength(1);
    expect(await peerReleaseRecords(store, advisory)).toEqual([
      { peer: 'uk', state: 'released', version, at: iso(release + 200_000) },
    ]);
    const audit = await store.listAudit({ objectId: advisory });
    expect(audit.filter((e) => e.action === PEER_RELEASED_ACTION)).toHaveLength(1);
  });

  it('asks only about advisories of the pulled collection, never about other objects', async () => {
    asked = [];
    // fr pulls into another collection: the advisory is not its to ask about.
    expect(await learn(peer('fr', { localCollection: OTHER }))).toBe(0);
    expect(asked).toEqual([]);
  });

  it('asks a silent peer on every run for an hour after the release, then every 15 minutes', async () => {
    const silent = peer('de');
    answer = () => ({ nodes: [] });
    asked = [];
    await learn(silent);
    await learn(silent);
    expect(asked).toHaveLength(2);
    const saved = clock;
    clock = release + 2 * 3600 * S;
    asked = [];
    await learn(silent);
    await learn(silent);
    clock += 14 * 60 * S;
    await learn(silent);
    expect(asked).toHaveLength(1);
    clock += 2 * 60 * S;
    await learn(silent);
    expect(asked).toHaveLength(2);
    clock = saved;
  });

  it('lists this node, then every peer: released, not synced, not seen yet', async () => {
    await new AdvisoryReleases(node()).runOnce();
    const admin = await advisoryStatusPerNode(node(), 'us-admin', advisory);
    expect(admin.nodes).toEqual([
      { self: true, state: 'released', version, at: expect.any(String) },
      { self: false, org: 'eu', peer: 'eu', state: 'not_synced' },
      { self: false, org: 'fr', peer: 'fr', state: 'not_synced' },
      { self: false, org: 'uk', peer: 'uk', state: 'released', version, at: iso(release + 200_000) },
    ]);
    expect(Date.parse(admin.nodes[0]?.at as string) * 1000).toBeGreaterThanOrEqual(release);
    // Another peer pulling the collection that has not said anything yet.
    await store.putPeer(peer('de'));
    await store.putPeerState({ name: 'de', lastSuccess: iso(clock) });
    const again = await advisoryStatusPerNode(node(), 'us-admin', advisory);
    expect(again.nodes[1]).toEqual({
      self: false,
      org: 'de',
      peer: 'de',
      state: 'not_seen_yet',
      lastPull: iso(clock),
    });
    // Peer names and pull times are node configuration: an editor gets the co-signers' nodes
    // only (the advisory names them), by organisation, with their states; not de, eu or fr.
    const editor = await advisoryStatusPerNode(node(), 'us-editor', advisory);
    expect(editor.nodes).toEqual([
      { self: true, state: 'released', version, at: expect.any(String) },
      { self: false, org: 'uk', state: 'released', version, at: iso(release + 200_000) },
    ]);
  });
});
