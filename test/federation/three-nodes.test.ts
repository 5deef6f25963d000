/**
 * Three `accord serve` processes on loopback (us, uk, eu) federating over TAXII 2.1:
 * us pushes to uk and uk to us; eu pulls from us and from uk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerStatuses } from '../../src/core/index.js';
import { embargoMarking, sharingGroupMarking } from '../../src/policy/index.js';
import { TLP_V2 } from '../../src/stix/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { waitFor } from '../support/wait-for.js';
import { COLLECTION, cli, eventually, freePort, NodeProcess, ORGS } from './support/node-process.js';

let us: NodeProcess;
let uk: NodeProcess;
let eu: NodeProcess;

function indicator(tag: string, n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const hex = n.toString(16).padStart(8, '0');
  const tagHex = Buffer.from(tag).toString('hex').padEnd(4, '0').slice(0, 4);
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${hex}-${tagHex}-4000-8000-00000000e2e0`,
    created: '2024-07-19T09:00:00.000Z',
    modified: '2024-07-19T09:00:00.000Z',
    name: `${tag} ${n}`,
    pattern: `[domain-name:value = 'host${n}.example.com']`,
    pattern_type: 'stix',
    valid_from: '2024-07-19T09:00:00Z',
    ...extra,
  };
}

async function publish(node: NodeProcess, objects: Record<string, unknown>[]): Promise<void> {
  const status = await node.client('editor').addObjects(node.apiRoot, COLLECTION, objects);
  expect(status.failures).toEqual([]);
}

async function sees(node: NodeProcess, user: string, id: unknown): Promise<boolean> {
  const page = await node
    .client(user)
    .getManifest(node.apiRoot, COLLECTION, { ids: [String(id)], versions: ['all'] });
  return page.objects.length > 0;
}

/** Versions of an object stored on a node (read from its database beside the running server). */
async function storedVersions(node: NodeProcess, id: unknown): Promise<number> {
  const store = new SqliteStore({ path: node.db });
  await store.init();
  try {
    return (await store.getVersions(COLLECTION, String(id))).length;
  } finally {
    await store.close();
  }
}

/** Resolves once every peer of the node has synced successfully after `since` (read from its database). */
async function syncedAfter(node: NodeProcess, since: number): Promise<void> {
  await waitFor(
    async () => {
      const store = new SqliteStore({ path: node.db });
      await store.init();
      try {
        const peers = await peerStatuses(store);
        return (
          peers.length > 0 && peers.every((p) => p.lastSuccess !== null && Date.parse(p.lastSuccess) > since)
        );
      } finally {
        await store.close();
      }
    },
    { timeout: 15_000, interval: 100, message: `${node.name} to sync with every peer` },
  );
}

beforeAll(async () => {
  [us, uk, eu] = [
    new NodeProcess('us', await freePort()),
    new NodeProcess('uk', await freePort()),
    new NodeProcess('eu', await freePort()),
  ];
  await Promise.all([us.setUp(), uk.setUp(), eu.setUp()]);
  // `accord peer add` while the nodes are stopped.
  await Promise.all([
    us.addPeer(uk, ['--push']),
    uk.addPeer(us, ['--push']),
    eu.addPeer(us, ['--pull']),
    eu.addPeer(uk, ['--pull']),
  ]);
  await Promise.all([us.start(), uk.start(), eu.start()]);
}, 180_000);

afterAll(async () => {
  await Promise.all([us?.destroy(), uk?.destroy(), eu?.destroy()]);
});

describe('three nodes on loopback', () => {
  it('an object published on us reaches uk by push and eu by pull; one published on uk reaches us by push', async () => {
    const fromUs = indicator('us', 1);
    const fromUk = indicator('uk', 2);
    await publish(us, [fromUs]);
    await publish(uk, [fromUk]);
    expect(
      await eventually(
        async () => (await sees(uk, 'admin', fromUs.id)) && (await sees(eu, 'admin', fromUs.id)),
        15_000,
      ),
    ).toBe(true);
    expect(
      await eventually(
        async () => (await sees(us, 'admin', fromUk.id)) && (await sees(eu, 'admin', fromUk.id)),
        15_000,
      ),
    ).toBe(true);
    const list = await cli(['peer', 'list', '--json', '--db', eu.db]);
    const peers = JSON.parse(list.stdout) as { id: string; name: string; lastSuccess: string | null }[];
    expect(peers.map((p) => [p.id, p.name])).toEqual([
      ['uk', 'uk'],
      ['us', 'us'],
    ]);
    for (const p of peers) expect(p.lastSuccess).not.toBeNull();
    const bad = await cli(['sync', '--peer', 'nope', '--db', eu.db]);
    expect([bad.code, bad.stderr.trim()]).toEqual([1, 'accord: no peer named nope']);
    const one = await cli(['sync', '--json', '--db', eu.db]);
    expect(one.code).toBe(0);
    expect((JSON.parse(one.stdout) as { reports: { peer: string }[] }).reports.map((r) => r.peer)).toEqual([
      'uk',
      'us',
    ]);
  }, 60_000);

  it('a TLP:RED object shared with a us+uk group reaches uk and never eu', async () => {
    const group = sharingGroupMarking({ name: 'us-uk', members: [ORGS.us, ORGS.uk], createdByRef: ORGS.us });
    const red = indicator('red', 3, { object_marking_refs: [TLP_V2.red.id, group.id] });
    const green = indicator('grn', 4, { object_marking_refs: [TLP_V2.green.id] });
    await publish(us, [group, red]);
    await publish(us, [green]); // published after the red one: once eu has it, eu has synced past red
    expect(await eventually(async () => sees(uk, 'admin', red.id), 15_000)).toBe(true);
    expect(
      await eventually(
        async () => (await sees(eu, 'admin', green.id)) && (await sees(uk, 'admin', green.id)),
        15_000,
      ),
    ).toBe(true);
    // Two more sync rounds of eu with both peers: at least one began after eu had everything.
    await syncedAfter(eu, Date.now());
    await syncedAfter(eu, Date.now());
    expect(await storedVersions(eu, red.id)).toBe(0);
    expect(await sees(eu, 'admin', red.id)).toBe(false);
  }, 60_000);

  it('killing nodes mid-sync and restarting them loses and duplicates nothing', async () => {
    const batch = (b: number) => Array.from({ length: 500 }, (_, i) => indicator('bulk', b * 500 + i + 100));
    const all: Record<string, unknown>[] = [];
    // us publishes b0-b4 and b7, uk b5-b6; eu is killed while pulling, us while pushing to uk.
    const plan: [NodeProcess, (() => Promise<void>)?][] = [
      [us],
      [us],
      [us, () => eu.kill()],
      [us],
      [us, () => us.kill()],
      [uk, () => Promise.all([eu.start(), us.start()]).then(() => undefined)],
      [uk],
      [us],
    ];
    for (const [b, [node, after]] of plan.entries()) {
      const objects = batch(b);
      all.push(...objects);
      await publish(node, objects);
      await after?.();
    }
    const wanted = new Set(all.map((o) => `${String(o.id)}|${String(o.modified)}`));
    for (const node of [us, uk, eu]) {
      const complete = await eventually(async () => {
        const got = new Set(await node.entries('admin', ['indicator']));
        return [...wanted].every((w) => got.has(w));
      }, 60_000);
      expect(complete, `${node.name} has everything`).toBe(true);
      const entries = (await node.entries('admin', ['indicator'])).filter((e) => wanted.has(e));
      expect(entries.length, `${node.name} has no duplicates`).toBe(wanted.size);
    }
  }, 180_000);

  it('an embargoed advisory appears on all three at its release time and on none before', async () => {
    // Room for the co-signers' nodes to receive it first, even on a loaded machine (CI shares two
    // cores with the whole suite, browsers, PostgreSQL and other nodes: 8 s and then 20 s were
    // sometimes not enough for push and pull to run).
    const releaseMs = Date.now() + 40_000;
    const releaseAt = new Date(releaseMs).toISOString();
    const embargo = embargoMarking({
      releaseAt,
      cosigners: [ORGS.us, ORGS.uk, ORGS.eu],
      createdByRef: ORGS.us,
    });
    const advisory = indicator('adv', 5, { object_marking_refs: [embargo.id] });
    await publish(us, [embargo, advisory]);
    // Co-signers' nodes receive it before release...
    const early = await eventually(
      async () => (await sees(uk, 'admin', advisory.id)) && (await sees(eu, 'admin', advisory.id)),
      releaseMs - Date.now() - 1000,
    );
    expect(early).toBe(true);
    // ...but no one else sees it anywhere before the release time: ask every node until then.
    // The condition records what it saw instead of asserting, since waitFor retries on a throw.
    const seenEarly: string[] = [];
    await waitFor(
      async () => {
        for (const node of [us, uk, eu]) {
          const seen = await sees(node, 'press', advisory.id);
          // Only an answer that arrived before the release instant counts as "before".
          if (seen && Date.now() < releaseMs) seenEarly.push(node.name);
        }
        return Date.now() >= releaseMs;
      },
      { timeout: releaseMs - Date.now() + 10_000, interval: 250, message: 'the release time' },
    );
    expect(seenEarly, 'nodes that showed it before release').toEqual([]);
    for (const node of [us, uk, eu]) {
      // Each node releases by its own clock: no sync is needed at the release instant.
      expect(
        await eventually(async () => sees(node, 'press', advisory.id), 1500),
        `${node.name} at release`,
      ).toBe(true);
    }
  }, 120_000);
});
