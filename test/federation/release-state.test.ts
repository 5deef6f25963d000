/**
 * Released state per node (ADR 0022) on two `accord serve` processes, us and uk, pulling from
 * each other over TAXII 2.1 as co-signers: an advisory drafted on us and signed on both is
 * shown, on us, as released on uk only after uk's own release job released it (never before
 * the release time), and at a time no earlier than the release time; `advisory status --json`
 * gains the same `nodes`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION, cli, eventually, freePort, NodeProcess, pw } from './support/node-process.js';

let us: NodeProcess;
let uk: NodeProcess;

interface NodeEntry {
  self: boolean;
  peer?: string;
  state: string;
  version?: string;
  at?: string;
}

async function run(args: string[]): Promise<string> {
  const r = await cli(args);
  if (r.code !== 0) throw new Error(`accord ${args.join(' ')}: exit ${r.code} ${r.stderr}`);
  return r.stdout.trim();
}

/** What `node` says of the advisory's released state, through its API, as its administrator. */
async function answer(node: NodeProcess, id: string): Promise<Response> {
  return fetch(`${node.url}/api/advisories/${id}/release`, {
    headers: { authorization: `Basic ${Buffer.from(`admin:${pw('admin')}`).toString('base64')}` },
  });
}

async function nodes(node: NodeProcess, id: string): Promise<NodeEntry[]> {
  const res = await answer(node, id);
  expect(res.status).toBe(200);
  return ((await res.json()) as { nodes: NodeEntry[] }).nodes;
}

beforeAll(async () => {
  [us, uk] = [new NodeProcess('us', await freePort()), new NodeProcess('uk', await freePort())];
  await Promise.all([us.setUp(), uk.setUp()]);
  await Promise.all([us.addPeer(uk, ['--pull']), uk.addPeer(us, ['--pull'])]);
  await Promise.all([us.start(), uk.start()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([us?.destroy(), uk?.destroy()]);
});

describe('released state per node on two nodes', () => {
  it('us learns that uk released the advisory after uk released it, never before', async () => {
    const body = join(us.dir, 'advisory.md');
    writeFileSync(body, '# Joint advisory\n\nPatch now.\n');
    // Enough for a draft and two signatures by CLI on a loaded machine before the release time.
    const releaseMs = Math.ceil((Date.now() + 40_000) / 1000) * 1000;
    const id = await run([
      'advisory',
      'draft',
      '--title',
      'Released per node',
      '--body',
      body,
      '--cosigners',
      'us,uk',
      '--release-at',
      new Date(releaseMs).toISOString(),
      '--collection',
      COLLECTION,
      '--as',
      'editor',
      '--tlp',
      'green',
      '--db',
      us.db,
    ]);
    // uk holds the draft (its admin is of uk, a co-signer: it sees it).
    expect(await eventually(async () => (await answer(uk, id)).status === 200, 20_000)).toBe(true);
    await Promise.all([
      run(['advisory', 'sign', id, '--as', 'editor', '--db', us.db]),
      run(['advisory', 'sign', id, '--as', 'editor', '--db', uk.db]),
    ]);
    expect(Date.now()).toBeLessThan(releaseMs - 2000); // otherwise the machine was too slow for this test
    // Before the release instant neither node says uk (or itself) released it.
    let checks = 0;
    while (Date.now() < releaseMs - 300) {
      const seen = await nodes(us, id);
      if (Date.now() >= releaseMs) break;
      expect(seen[0]).toMatchObject({ self: true, state: 'pending' });
      expect(seen.find((n) => n.peer === 'uk')).toMatchObject({ self: false, state: 'not_seen_yet' });
      checks++;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(checks).toBeGreaterThan(0);
    // After it, us learns uk's own decision within a few of uk's pull runs.
    expect(
      await eventually(
        async () => (await nodes(us, id)).find((n) => n.peer === 'uk')?.state === 'released',
        20_000,
      ),
      'us learns that uk released it',
    ).toBe(true);
    const after = await nodes(us, id);
    const ukEntry = after.find((n) => n.peer === 'uk') as NodeEntry;
    expect(Date.parse(ukEntry.at as string)).toBeGreaterThanOrEqual(releaseMs);
    expect(after[0]).toMatchObject({ self: true, state: 'released', version: ukEntry.version });
    // uk says the same of itself, and of us once it asked.
    expect((await nodes(uk, id))[0]).toMatchObject({
      self: true,
      state: 'released',
      version: ukEntry.version,
    });
    const status = JSON.parse(
      await run(['advisory', 'status', id, '--as', 'admin', '--json', '--db', us.db]),
    );
    expect(status).toMatchObject({ id, state: 'released' });
    expect(status.nodes).toContainEqual(
      expect.objectContaining({ peer: 'uk', state: 'released', at: ukEntry.at }),
    );
  }, 180_000);
});
