/**
 * CONTRACT.md "Detection" against a node: `accord detect --collection ID --as USER` reads only the
 * indicators the user may see; `--store` keeps the sightings TLP:RED for the sighting organisation
 * and the indicator's producer only; `accord sightings publish` summarises indicators at least k
 * organisations sighted, naming none of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGHTING_SUMMARY_EXTENSION_ID } from '../../src/detect/index.js';
import { SHARING_GROUP_EXTENSION_ID } from '../../src/policy/index.js';
import { TLP_V2 } from '../../src/stix/index.js';
import {
  COLLECTION,
  DetectNode,
  dnsLine,
  domainIndicator,
  jsonLines,
  ORG_IDS,
  type OrgName,
} from './support/detect-node.js';

const node = new DetectNode();
const GREEN = domainIndicator(1, 'host1.example.com', {
  object_marking_refs: [TLP_V2.green.id],
  created_by_ref: ORG_IDS.a,
});
const RED = domainIndicator(2, 'host1.example.com', {
  object_marking_refs: [TLP_V2.red.id],
  created_by_ref: ORG_IDS.a,
});
/** 2021-07-20 and 2021-07-21, a few events each. */
const T0 = Date.parse('2021-07-20T08:30:00Z') / 1000;

/** `detect --collection --store` as `<org>-ed` over `events` lines of host1. */
async function sight(org: OrgName, events: number, start = T0) {
  const lines = Array.from({ length: events }, (_, i) =>
    dnsLine('host1.example.com', start + i * 3600, `C${org}${i}`),
  );
  const log = node.file(`${lines.join('\n')}\n`);
  return node.cli([
    'detect',
    '--events',
    log,
    '--format',
    'zeek',
    '--collection',
    COLLECTION,
    '--store',
    COLLECTION,
    '--as',
    `${org}-ed`,
    '--out',
    node.file('', 'jsonl'),
  ]);
}

const summaryOf = (objects: readonly Record<string, unknown>[]) =>
  objects.filter((o) => o.type === 'sighting' && o.summary === true);
const rawOf = (objects: readonly Record<string, unknown>[]) =>
  objects.filter((o) => o.type === 'sighting' && o.summary !== true);

beforeAll(async () => {
  await node.setUp();
  await node.publish('a-ed', [GREEN, RED]);
});
afterAll(() => node.destroy());

describe('accord detect against a node', { timeout: 60_000 }, () => {
  it('--collection reads only the indicators the --as user may see (a TLP:RED one of another organisation is not matched)', async () => {
    const log = node.file(`${dnsLine('host1.example.com', T0)}\n`);
    const asB = await node.cli(['detect', '--events', log, '--collection', COLLECTION, '--as', 'b-ed']);
    expect(asB.code, asB.err).toBe(0);
    expect(rawOf(jsonLines(asB.out)).map((s) => s.sighting_of_ref)).toEqual([GREEN.id]);
    const asA = await node.cli(['detect', '--events', log, '--collection', COLLECTION, '--as', 'a-ed']);
    expect(
      rawOf(jsonLines(asA.out))
        .map((s) => s.sighting_of_ref)
        .sort(),
    ).toEqual([GREEN.id, RED.id].sort());
  });

  it('--store keeps the sightings TLP:RED, shared with the indicator producer only, without the evidence', async () => {
    const r = await sight('b', 3);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/stored 1 sightings in .* \(0 unchanged\)/);
    const [stored, ...more] = rawOf(await node.seen('b-ed', ['sighting']));
    expect(more).toEqual([]);
    expect(stored).toMatchObject({
      sighting_of_ref: GREEN.id,
      count: 3,
      created_by_ref: ORG_IDS.b,
      where_sighted_refs: [ORG_IDS.b],
    });
    expect(stored?.observed_data_refs).toBeUndefined();
    const refs = stored?.object_marking_refs as string[];
    expect(refs[0]).toBe(TLP_V2.red.id);
    expect(refs).toHaveLength(2);
    // The producer sees it; no one else does.
    expect(rawOf(await node.seen('a-ed', ['sighting'])).map((s) => s.id)).toEqual([stored?.id]);
    for (const other of ['c-ed', 'd-ed', 'e-ed'])
      expect(await node.seen(other, ['sighting']), other).toEqual([]);
    // The group is exactly (sighter, producer), and it is itself TLP:RED.
    const store = await node.open();
    try {
      const def = JSON.parse((await store.listMarkingDefinitions()).get(refs[1] as string)?.json ?? '{}');
      expect(def.extensions[SHARING_GROUP_EXTENSION_ID].members).toEqual([ORG_IDS.b, ORG_IDS.a]);
      expect(def.object_marking_refs).toEqual([TLP_V2.red.id]);
    } finally {
      await store.close();
    }
  });

  it('storing the same run again stores nothing new; a changed count is a new version of the same sighting', async () => {
    const again = await sight('b', 3);
    expect(again.err).toMatch(/stored 0 sightings in .* \(1 unchanged\)/);
    const id = String(rawOf(await node.seen('b-ed', ['sighting']))[0]?.id);
    expect(await node.versions(id)).toHaveLength(1);
    const more = await sight('b', 4);
    expect(more.err).toMatch(/stored 1 sightings/);
    const versions = await node.versions(id);
    expect(versions.map((v) => v.count)).toEqual([3, 4]);
    expect(String(versions[1]?.modified) > String(versions[0]?.modified)).toBe(true);
    expect(versions[1]?.created).toBe(versions[0]?.created);
  });

  it('--store with --indicators FILE sends each sighting to the producer its created_by_ref names', async () => {
    const log = node.file(`${dnsLine('host9.example.com', T0)}\n`);
    const mine = domainIndicator(9, 'host9.example.com', { created_by_ref: ORG_IDS.e });
    const anonymous = domainIndicator(10, 'host9.example.com');
    const file = node.file(`${JSON.stringify(mine)}\n${JSON.stringify(anonymous)}\n`, 'jsonl');
    const r = await node.cli([
      'detect',
      '--events',
      log,
      '--indicators',
      file,
      '--store',
      COLLECTION,
      '--as',
      'd-ed',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/stored 1 sightings/);
    expect(r.err).toMatch(/1 sightings not stored: their indicators name no producer/);
    expect(rawOf(await node.seen('e-ed', ['sighting'])).map((s) => s.sighting_of_ref)).toEqual([mine.id]);
    expect(rawOf(await node.seen('a-ed', ['sighting'])).map((s) => s.sighting_of_ref)).toEqual([GREEN.id]);
  });

  it('exits 2 on bad usage and on a collection the user may not use, without a stack trace', async () => {
    const log = node.file(`${dnsLine('host1.example.com', T0)}\n`);
    const cases: [string[], RegExp][] = [
      [['--collection', COLLECTION], /--collection needs --as/],
      [['--indicators', log, '--store', COLLECTION], /--store needs --as/],
      [['--indicators', log, '--collection', COLLECTION, '--as', 'b-ed'], /not both/],
      [
        ['--collection', COLLECTION, '--as', 'b-ed', '--store', COLLECTION, '--identity', ORG_IDS.c],
        /--identity/,
      ],
      [['--collection', COLLECTION, '--as', 'nobody'], /no user nobody/],
      [['--collection', '00000000-0000-4000-8000-000000000000', '--as', 'b-ed'], /no collection/],
    ];
    for (const [args, message] of cases) {
      const r = await node.cli(['detect', '--events', log, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('--collection reads are audited like TAXII reads (TLP:AMBER indicators); publishing summaries discloses nothing', async () => {
    const amber = domainIndicator(3, 'host3.example.com', {
      object_marking_refs: [TLP_V2.amber.id],
      created_by_ref: ORG_IDS.a,
    });
    await node.publish('a-ed', [amber]);
    const reads = async (org: string) => {
      const store = await node.open();
      try {
        return (await store.listAudit({ orgId: org })).filter((e) => e.action === 'read').length;
      } finally {
        await store.close();
      }
    };
    const log = node.file(`${dnsLine('host3.example.com', T0)}\n`);
    const before = await reads('c');
    const r = await node.cli(['detect', '--events', log, '--collection', COLLECTION, '--as', 'c-ed']);
    expect(r.code, r.err).toBe(0);
    expect(await reads('c')).toBeGreaterThan(before);
    const publishedBefore = await reads('a');
    await node.cli(['sightings', 'publish', '--collection', COLLECTION, '--as', 'a-ed']);
    expect(await reads('a')).toBe(publishedBefore);
  });
});

describe('accord sightings publish', { timeout: 60_000 }, () => {
  const publish = (k?: number, as = 'a-ed') =>
    node.cli([
      'sightings',
      'publish',
      '--collection',
      COLLECTION,
      '--as',
      as,
      '--json',
      ...(k === undefined ? [] : ['--k', String(k)]),
    ]);

  it('publishes nothing while fewer than k organisations sighted, however many sightings one of them forges', async () => {
    await sight('c', 1, T0 + 86_400);
    // b posts sightings naming identities that are no organisation here: they are b's all the same.
    const forged = [1, 2, 3].map((n) => ({
      type: 'sighting',
      spec_version: '2.1',
      id: `sighting--f0000000-0000-4000-8000-00000000000${n}`,
      created: '2021-07-20T00:00:00.000Z',
      modified: '2021-07-20T00:00:00.000Z',
      created_by_ref: `identity--f0000000-0000-4000-8000-00000000000${n}`,
      sighting_of_ref: GREEN.id,
      count: 50,
    }));
    await node.publish('b-ed', forged);
    const r = await publish();
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ published: 0, unchanged: 0, revoked: 0, failures: [] });
    for (const who of ['a-ed', 'e-ed']) expect(summaryOf(await node.seen(who, ['sighting']))).toEqual([]);
  });

  it('publishes one summary once k organisations sighted: visible to every reader, naming only the producer', async () => {
    // 2021-07-19, after the indicator's valid_from (09:00).
    await sight('d', 2, T0 - 86_400 + 3600);
    const r = await publish(3);
    expect(JSON.parse(r.out)).toEqual({ published: 1, unchanged: 0, revoked: 0, failures: [] });
    const [summary, ...rest] = summaryOf(await node.seen('e-ed', ['sighting']));
    expect(rest).toEqual([]);
    expect(summary).toMatchObject({
      created_by_ref: ORG_IDS.a,
      sighting_of_ref: GREEN.id,
      // b's newest count (4) + c's 1 + d's 2 + b's forged 3 × 50.
      count: 157,
      first_seen: '2021-07-19T00:00:00.000Z',
      last_seen: '2021-07-21T00:00:00.000Z',
      extensions: { [SIGHTING_SUMMARY_EXTENSION_ID]: { extension_type: 'property-extension', org_count: 3 } },
    });
    expect(summary?.where_sighted_refs).toBeUndefined();
    expect(summary?.observed_data_refs).toBeUndefined();
    expect(summary?.object_marking_refs).toBeUndefined();
    const text = JSON.stringify(summary);
    for (const org of ['b', 'c', 'd', 'e'] as const) expect(text).not.toContain(ORG_IDS[org]);
    for (const who of ['a-ed', 'b-ed', 'c-ed', 'd-ed'])
      expect(
        summaryOf(await node.seen(who, ['sighting'])).map((s) => s.id),
        who,
      ).toEqual([summary?.id]);
  });

  it('re-publishing stores a new version only when the summary changed', async () => {
    const id = String(summaryOf(await node.seen('e-ed', ['sighting']))[0]?.id);
    expect(JSON.parse((await publish()).out)).toEqual({
      published: 0,
      unchanged: 1,
      revoked: 0,
      failures: [],
    });
    expect(await node.versions(id)).toHaveLength(1);
    await sight('c', 5, T0 + 86_400);
    expect(JSON.parse((await publish()).out)).toEqual({
      published: 1,
      unchanged: 0,
      revoked: 0,
      failures: [],
    });
    const versions = await node.versions(id);
    expect(versions.map((v) => v.count)).toEqual([157, 161]);
    expect(versions[1]?.created).toBe(versions[0]?.created);
    expect(String(versions[1]?.modified) > String(versions[0]?.modified)).toBe(true);
  });

  it('summarises only the publishing organisation’s own indicators; k is at least 2', async () => {
    expect(JSON.parse((await publish(3, 'b-ed')).out)).toEqual({
      published: 0,
      unchanged: 0,
      revoked: 0,
      failures: [],
    });
    expect(JSON.parse((await publish(5)).out)).toEqual({
      published: 0,
      unchanged: 0,
      revoked: 0,
      failures: [],
    });
    for (const k of ['1', '0', 'x']) {
      const r = await node.cli([
        'sightings',
        'publish',
        '--collection',
        COLLECTION,
        '--as',
        'a-ed',
        '--k',
        k,
      ]);
      expect(r.code, k).toBe(2);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const nobody = await node.cli(['sightings', 'publish', '--collection', COLLECTION, '--as', 'nobody']);
    // As `import --as`: an unknown user is input the node refused (cli-error.ts), exit 1.
    expect([nobody.code, nobody.err.trim()]).toEqual([1, 'accord: no user nobody']);
  });

  it('a duplicate summary of one indicator (two runs raced) is revoked; the older one is kept', async () => {
    const [kept] = summaryOf(await node.seen('e-ed', ['sighting']));
    const duplicate = {
      ...kept,
      id: 'sighting--0d0d0d0d-0000-4000-8000-000000000001',
      created: '2030-01-01T00:00:00.000Z',
      modified: '2030-01-01T00:00:00.000Z',
    };
    await node.publish('a-ed', [duplicate]);
    expect(JSON.parse((await publish()).out)).toEqual({
      published: 0,
      unchanged: 1,
      revoked: 1,
      failures: [],
    });
    const live = summaryOf(await node.seen('e-ed', ['sighting'])).filter((s) => s.revoked !== true);
    expect(live.map((s) => s.id)).toEqual([kept?.id]);
    expect((await node.versions(duplicate.id)).map((v) => v.revoked)).toEqual([undefined, true]);
  });
});
