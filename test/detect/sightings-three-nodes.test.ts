/**
 * Issue 16's three-node test (CONTRACT.md "Detection"), with three `accord serve` processes on
 * loopback: `us` produces an indicator; `uk` (organisation uk) and `eu` (organisations eu and nl)
 * sight it with `detect --store`. Each node pulls from the others (us pulls from eu for eu and
 * nl). Sighted by two organisations, nothing reaches the partners; by three, one summary
 * sighting appears everywhere; raw sightings never leave the producer's and the sighter's nodes,
 * and no TAXII answer shows them to any other organisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganization, addUser } from '../../src/core/index.js';
import { asMicros, nowMicros, TLP_V2 } from '../../src/stix/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import {
  COLLECTION,
  cli,
  eventually,
  freePort,
  NodeProcess,
  ORGS,
  pw,
} from '../federation/support/node-process.js';
import { dnsLine } from './support/detect-node.js';

const NL = 'identity--5c1d0a10-0000-4000-8000-0000000000b5';
const ORG_OF_IDENTITY: Record<string, string> = {
  [ORGS.us]: 'us',
  [ORGS.uk]: 'uk',
  [ORGS.eu]: 'eu',
  [ORGS.press]: 'press',
  [NL]: 'nl',
};
/** Every user of every node, with the organisation it belongs to. */
const USERS: Record<'us' | 'uk' | 'eu', [string, string][]> = {
  us: [
    ['admin', 'us'],
    ['editor', 'us'],
    ['press', 'press'],
    ['uk-peer', 'uk'],
    ['eu-peer', 'eu'],
  ],
  uk: [
    ['admin', 'uk'],
    ['editor', 'uk'],
    ['press', 'press'],
    ['us-peer', 'us'],
    ['eu-peer', 'eu'],
  ],
  eu: [
    ['admin', 'eu'],
    ['editor', 'eu'],
    ['press', 'press'],
    ['us-peer', 'us'],
    ['uk-peer', 'uk'],
    ['nl-ed', 'nl'],
  ],
};

const INDICATOR = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--16161616-0000-4000-8000-00000000e2e0',
  created: '2021-07-19T09:00:00.000Z',
  modified: '2021-07-19T09:00:00.000Z',
  created_by_ref: ORGS.us,
  name: 'HAFNIUM staging host',
  pattern: "[domain-name:value = 'staging.example.com']",
  pattern_type: 'stix',
  valid_from: '2021-07-19T09:00:00Z',
  object_marking_refs: [TLP_V2.green.id],
};
/** The producer's summary of the indicator (its id is random, chosen by us's node). */
const isSummary = (o: Record<string, unknown>) =>
  o.type === 'sighting' && o.summary === true && o.sighting_of_ref === INDICATOR.id;

let us: NodeProcess;
let uk: NodeProcess;
let eu: NodeProcess;

/** A stored row as the test inspects it. */
interface Row {
  readonly id: string;
  readonly producerOrg: string;
  readonly object: Record<string, unknown>;
}

/** Every stored version in the node's collection (read beside the running server). */
async function storedRows(node: NodeProcess): Promise<Row[]> {
  const store = new SqliteStore({ path: node.db });
  await store.init();
  try {
    const rows: Row[] = [];
    let cursor: Parameters<SqliteStore['queryObjects']>[0]['cursor'];
    for (;;) {
      const page = await store.queryObjects(
        {
          collectionId: COLLECTION,
          versions: { kind: 'all' },
          limit: 1000,
          now: asMicros(nowMicros() + 10_000_000),
          ...(cursor ? { cursor } : {}),
        },
        (r) => ({ id: r.id, producerOrg: r.producerOrg, object: JSON.parse(r.json) }),
      );
      rows.push(...page.items);
      if (!page.more || !page.next) return rows;
      cursor = page.next;
    }
  } finally {
    await store.close();
  }
}

/** Every object (all versions) a user of a node gets from TAXII. */
async function taxiiObjects(node: NodeProcess, username: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const filter = { versions: ['all'], limit: 1000 };
  for await (const page of node.client(username).objectPages(node.apiRoot, COLLECTION, filter))
    out.push(...(page.objects as Record<string, unknown>[]));
  return out;
}

const isRaw = (o: Record<string, unknown>) => o.type === 'sighting' && o.summary !== true;
const sighterOf = (o: Record<string, unknown>) => ORG_OF_IDENTITY[String(o.created_by_ref)];

/** `accord detect --collection --store` on a node's database, as `user`. */
async function sight(node: NodeProcess, user: string, events: number): Promise<void> {
  const { writeFileSync } = await import('node:fs');
  const log = `${node.dir}/${user}-dns.json`;
  const lines = Array.from({ length: events }, (_, i) =>
    dnsLine('staging.example.com', Date.parse('2021-07-20T10:00:00Z') / 1000 + i * 60, `C${user}${i}`),
  );
  writeFileSync(log, `${lines.join('\n')}\n`);
  const r = await cli([
    'detect',
    '--events',
    log,
    '--collection',
    COLLECTION,
    '--store',
    COLLECTION,
    '--as',
    user,
    '--out',
    `${log}.out`,
    '--db',
    node.db,
  ]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/stored 1 sightings/);
}

/** `accord sightings publish` on us, as us's editor. */
async function publishOnUs(): Promise<Record<string, unknown>> {
  const r = await cli([
    'sightings',
    'publish',
    '--collection',
    COLLECTION,
    '--as',
    'editor',
    '--json',
    '--db',
    us.db,
  ]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

async function peer(from: NodeProcess, to: NodeProcess, speaksFor?: string): Promise<void> {
  const r = await cli([
    'peer',
    'add',
    to.name,
    '--url',
    `${to.url}/taxii2/`,
    '--user',
    `${from.name}-peer`,
    '--password',
    pw(`${from.name}-peer`),
    '--remote-collection',
    COLLECTION,
    '--collection',
    COLLECTION,
    '--pull',
    '--interval',
    '1',
    ...(speaksFor ? ['--speaks-for', speaksFor] : []),
    '--db',
    from.db,
  ]);
  expect(r.code, r.stderr).toBe(0);
}

/**
 * Raw sightings are stored exactly on the nodes `storedOn` names (by the sighting organisation),
 * and TAXII shows each only to its sighter and the producer (us), on every node, to every user.
 */
async function checkRawSightingsStayHome(storedOn: Record<'us' | 'uk' | 'eu', string[]>): Promise<void> {
  for (const node of [us, uk, eu]) {
    const raw = (await storedRows(node)).filter((r) => isRaw(r.object));
    for (const r of raw) expect(sighterOf(r.object)).toBe(r.producerOrg);
    expect([...new Set(raw.map((r) => r.producerOrg))].sort(), `sightings stored on ${node.name}`).toEqual(
      storedOn[node.name].sort(),
    );
    for (const [username, org] of USERS[node.name]) {
      const seen = await taxiiObjects(node, username);
      for (const o of seen.filter(isRaw))
        expect(['us', sighterOf(o)], `${username}@${node.name} sees ${sighterOf(o)}'s sighting`).toContain(
          org,
        );
      // The pair groups travel TLP:RED: no one else learns who shares sightings with whom.
      for (const o of seen.filter((x) => x.type === 'marking-definition'))
        expect(['us', ORG_OF_IDENTITY[String(o.created_by_ref)]], `${username}@${node.name}`).toContain(org);
    }
  }
}

beforeAll(async () => {
  [us, uk, eu] = [
    new NodeProcess('us', await freePort()),
    new NodeProcess('uk', await freePort()),
    new NodeProcess('eu', await freePort()),
  ];
  await Promise.all([us.setUp(), uk.setUp(), eu.setUp()]);
  for (const node of [us, uk, eu]) {
    const store = new SqliteStore({ path: node.db });
    await store.init();
    await addOrganization(store, { id: 'nl', identityId: NL });
    if (node === eu)
      await addUser(
        store,
        { username: 'nl-ed', orgId: 'nl', role: 'editor', password: pw('nl-ed') },
        { N: 1024, r: 8, p: 1 },
      );
    await store.close();
  }
  await Promise.all([peer(us, uk), peer(us, eu, 'eu,nl'), peer(uk, us), peer(eu, us)]);
  await Promise.all([us.start(), uk.start(), eu.start()]);
  const status = await us.client('editor').addObjects(us.apiRoot, COLLECTION, [INDICATOR]);
  expect(status.failures).toEqual([]);
  const everywhere = await eventually(
    async () =>
      (await taxiiObjects(uk, 'editor')).some((o) => o.id === INDICATOR.id) &&
      (await taxiiObjects(eu, 'editor')).some((o) => o.id === INDICATOR.id),
    20_000,
  );
  expect(everywhere).toBe(true);
}, 180_000);

afterAll(async () => {
  await Promise.all([us?.destroy(), uk?.destroy(), eu?.destroy()]);
});

describe('sightings across three nodes', () => {
  it('sighted by two organisations: the producer gets both sightings, the partners get nothing', async () => {
    await sight(uk, 'editor', 2);
    await sight(eu, 'editor', 3);
    const arrived = await eventually(
      async () => (await taxiiObjects(us, 'editor')).filter(isRaw).length === 2,
      20_000,
    );
    expect(arrived).toBe(true);
    expect(await publishOnUs()).toEqual({ published: 0, unchanged: 0, revoked: 0, failures: [] });
    // A few more pull rounds: whatever could travel has travelled.
    const marker = {
      ...INDICATOR,
      id: 'indicator--16161616-0000-4000-8000-0000000000ff',
      pattern: "[domain-name:value = 'marker.example.com']",
    };
    await us.client('editor').addObjects(us.apiRoot, COLLECTION, [marker]);
    expect(
      await eventually(
        async () =>
          (await taxiiObjects(uk, 'press')).some((o) => o.id === marker.id) &&
          (await taxiiObjects(eu, 'press')).some((o) => o.id === marker.id),
        20_000,
      ),
    ).toBe(true);
    for (const node of [us, uk, eu])
      expect(
        (await storedRows(node)).filter((r) => isSummary(r.object)),
        node.name,
      ).toEqual([]);
    await checkRawSightingsStayHome({ us: ['uk', 'eu'], uk: ['uk'], eu: ['eu'] });
  }, 120_000);

  it('sighted by three: one summary sighting everywhere, naming only the producer; raw sightings stay home', async () => {
    await sight(eu, 'nl-ed', 4);
    expect(
      await eventually(async () => (await taxiiObjects(us, 'editor')).filter(isRaw).length === 3, 20_000),
    ).toBe(true);
    expect(await publishOnUs()).toEqual({ published: 1, unchanged: 0, revoked: 0, failures: [] });
    const ids = new Set<unknown>();
    for (const node of [us, uk, eu]) {
      const got = await eventually(async () => (await taxiiObjects(node, 'press')).some(isSummary), 20_000);
      expect(got, `${node.name} has the summary`).toBe(true);
      const [summary, ...more] = (await storedRows(node)).filter((r) => isSummary(r.object));
      expect(more).toEqual([]);
      ids.add(summary?.id);
      expect(summary?.object).toMatchObject({ count: 9, created_by_ref: ORGS.us, summary: true });
      const text = JSON.stringify(summary?.object);
      for (const other of [ORGS.uk, ORGS.eu, NL, ORGS.press]) expect(text).not.toContain(other);
    }
    expect(ids.size, 'one summary, the same object on every node').toBe(1);
    expect(await publishOnUs()).toEqual({ published: 0, unchanged: 1, revoked: 0, failures: [] });
    await checkRawSightingsStayHome({ us: ['uk', 'eu', 'nl'], uk: ['uk'], eu: ['eu', 'nl'] });
  }, 120_000);
});
