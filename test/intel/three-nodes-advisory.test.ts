/**
 * Issue 15 on three `accord serve` processes (us, uk, eu) that pull from each other over TAXII
 * 2.1, with a reader-only organisation (press) on each: claims made on each node give press the
 * same consensus on every node; an advisory drafted on us with co-signers us, uk and eu, signed
 * by each on its own node, appears for press on all three at its release time and on none
 * before; one whose eu signature is missing is missed everywhere and stays with its co-signers.
 * Each node releases by its own clock (ADR 0004).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION, cli, eventually, freePort, NodeProcess } from '../federation/support/node-process.js';

let us: NodeProcess;
let uk: NodeProcess;
let eu: NodeProcess;

async function sees(node: NodeProcess, user: string, id: string): Promise<boolean> {
  const page = await node
    .client(user)
    .getManifest(node.apiRoot, COLLECTION, { ids: [id], versions: ['all'] });
  return page.objects.length > 0;
}

/** The date_added the press reader gets for `id` from the objects feed, if any. */
async function pressAdded(node: NodeProcess, id: string): Promise<string | undefined> {
  const page = await node.client('press').getManifest(node.apiRoot, COLLECTION, { ids: [id] });
  return page.objects[0]?.date_added;
}

async function run(args: string[]): Promise<string> {
  const r = await cli(args);
  if (r.code !== 0) throw new Error(`accord ${args.join(' ')}: exit ${r.code} ${r.stderr}`);
  return r.stdout.trim();
}

beforeAll(async () => {
  [us, uk, eu] = [
    new NodeProcess('us', await freePort()),
    new NodeProcess('uk', await freePort()),
    new NodeProcess('eu', await freePort()),
  ];
  await Promise.all([us.setUp(), uk.setUp(), eu.setUp()]);
  await Promise.all([
    us.addPeer(uk, ['--pull']),
    us.addPeer(eu, ['--pull']),
    uk.addPeer(us, ['--pull']),
    uk.addPeer(eu, ['--pull']),
    eu.addPeer(us, ['--pull']),
    eu.addPeer(uk, ['--pull']),
  ]);
  await Promise.all([us.start(), uk.start(), eu.start()]);
}, 180_000);

afterAll(async () => {
  await Promise.all([us?.destroy(), uk?.destroy(), eu?.destroy()]);
});

const stix = (type: string, id: string, props: Record<string, unknown>) => ({
  type,
  spec_version: '2.1',
  id,
  created: '2021-07-19T12:00:00.000Z',
  modified: '2021-07-19T12:00:00.000Z',
  ...props,
});

describe('attribution on three nodes', () => {
  it('claims made on each node give the same consensus on every node for the same reader', async () => {
    const set = 'intrusion-set--4b1f8f3a-0c2d-4e5f-8a6b-7c8d9e0f1a2b';
    const actor = 'threat-actor--5c2a9e4b-1d3e-4f60-9b7c-8d9e0f1a2b3c';
    const status = await us
      .client('editor')
      .addObjects(us.apiRoot, COLLECTION, [
        stix('intrusion-set', set, { name: 'HAFNIUM' }),
        stix('threat-actor', actor, { name: 'MSS', threat_actor_types: ['nation-state'] }),
      ]);
    expect(status.failures).toEqual([]);
    expect(
      await eventually(
        async () => (await sees(uk, 'editor', actor)) && (await sees(eu, 'editor', actor)),
        20_000,
      ),
    ).toBe(true);
    const claim = (node: NodeProcess, confidence: string) =>
      run([
        'attribution',
        'claim',
        set,
        actor,
        '--confidence',
        confidence,
        '--collection',
        COLLECTION,
        '--as',
        'editor',
        '--db',
        node.db,
      ]);
    const claims = await Promise.all([claim(us, '90'), claim(uk, '80'), claim(eu, '40')]);
    for (const node of [us, uk, eu]) {
      const all = await eventually(async () => {
        for (const id of claims) if (!(await sees(node, 'press', id))) return false;
        return true;
      }, 30_000);
      expect(all, `${node.name} holds every claim`).toBe(true);
    }
    const answers = await Promise.all(
      [us, uk, eu].map((node) =>
        run(['attribution', 'consensus', '--as', 'press', '--json', '--db', node.db]),
      ),
    );
    const consensus = JSON.parse(answers[0] as string) as {
      subjects: { candidates: { supporting: unknown[]; mean_confidence: number }[] }[];
    };
    expect(consensus.subjects[0]?.candidates[0]).toMatchObject({ mean_confidence: 70 });
    expect(consensus.subjects[0]?.candidates[0]?.supporting).toHaveLength(3);
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toBe(answers[0]);
  }, 120_000);
});

describe('joint advisories on three nodes', () => {
  it('a sealed advisory is released on all three at its release time, never before; a missed one nowhere', async () => {
    const body = join(us.dir, 'advisory.md');
    writeFileSync(body, '# Joint advisory\n\nPatch Exchange now.\n');
    // Long enough for three slow CLI starts on a loaded machine before the release time.
    const releaseMs = Math.ceil((Date.now() + 60_000) / 1000) * 1000;
    const releaseAt = new Date(releaseMs).toISOString();
    const draft = (title: string) =>
      run([
        'advisory',
        'draft',
        '--title',
        title,
        '--body',
        body,
        '--cosigners',
        'us,uk,eu',
        '--release-at',
        releaseAt,
        '--collection',
        COLLECTION,
        '--as',
        'editor',
        '--tlp',
        'green',
        '--db',
        us.db,
      ]);
    const [sealed, missed] = await Promise.all([draft('Sealed'), draft('Missed')]);
    expect(sealed).toMatch(/^report--/);
    // Co-signers' nodes receive the drafts; press sees them nowhere.
    expect(
      await eventually(
        async () =>
          (await sees(uk, 'editor', sealed)) &&
          (await sees(eu, 'editor', sealed)) &&
          (await sees(uk, 'editor', missed)) &&
          (await sees(eu, 'editor', missed)),
        20_000,
      ),
    ).toBe(true);
    const sign = (node: NodeProcess, id: string) =>
      run(['advisory', 'sign', id, '--as', 'editor', '--db', node.db]);
    const signatures = await Promise.all([
      sign(us, sealed),
      sign(uk, sealed),
      sign(eu, sealed),
      sign(us, missed),
      sign(uk, missed),
    ]);
    expect(Date.now()).toBeLessThan(releaseMs); // otherwise the machine was too slow for this test
    // Every signature reaches every node before the release time.
    const ids = signatures.map((s) => s.split(' ')[0] as string);
    for (const node of [us, uk, eu]) {
      const all = await eventually(
        async () => {
          for (const id of ids) if (!(await sees(node, 'editor', id))) return false;
          return true;
        },
        releaseMs - Date.now() - 2000,
      );
      expect(all, `${node.name} holds every signature before the release`).toBe(true);
    }
    // Before the release instant press sees neither advisory on any node.
    while (Date.now() < releaseMs - 300) {
      for (const node of [us, uk, eu]) {
        const seen = (await sees(node, 'press', sealed)) || (await sees(node, 'press', missed));
        if (Date.now() < releaseMs) expect(seen, `${node.name} before release`).toBe(false);
      }
    }
    // At the release time: on each node, within 2 s, added at the release time.
    for (const node of [us, uk, eu]) {
      expect(
        await eventually(
          async () => (await pressAdded(node, sealed)) !== undefined,
          releaseMs + 2000 - Date.now(),
        ),
        `${node.name} released the sealed advisory`,
      ).toBe(true);
      expect(Date.parse((await pressAdded(node, sealed)) as string)).toBe(releaseMs);
    }
    // The same pass decided the missed one: released nowhere, still with its co-signers.
    for (const node of [us, uk, eu]) {
      expect(await sees(node, 'press', missed), `${node.name} never releases a missed advisory`).toBe(false);
      expect(await sees(node, 'editor', missed), `${node.name} keeps it for its co-signers`).toBe(true);
    }
    const status = await cli(['advisory', 'status', missed, '--as', 'editor', '--json', '--db', eu.db]);
    expect(JSON.parse(status.stdout)).toMatchObject({ id: missed, state: 'missed' });
    const released = await cli(['advisory', 'status', sealed, '--as', 'press', '--json', '--db', uk.db]);
    expect(JSON.parse(released.stdout)).toMatchObject({ id: sealed, state: 'released' });
    const hidden = await cli(['advisory', 'status', missed, '--as', 'press', '--json', '--db', uk.db]);
    const unknown = await cli([
      'advisory',
      'status',
      'report--00000000-0000-4000-8000-000000000000',
      '--as',
      'press',
      '--db',
      uk.db,
    ]);
    expect([hidden.code, hidden.stdout]).toEqual([1, '']);
    expect(hidden.stderr.replace(missed, 'ID')).toBe(
      unknown.stderr.replace('report--00000000-0000-4000-8000-000000000000', 'ID'),
    );
  }, 240_000);
});
