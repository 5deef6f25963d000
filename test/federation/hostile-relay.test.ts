/**
 * Issue 13: three `accord serve` processes (us, uk, eu) where uk's node has been taken over.
 * eu pulls from us and from uk with the documented set-up (each peer speaks for its own
 * organisation). The hostile uk writes straight into its own database, past its own checks, and
 * relays to eu: a forged version of us's object, a wider copy of us's sharing group, a version of
 * us's TLP:RED object it cannot even see, and an object in eu's name. eu keeps what us shared as
 * us shared it, refuses and audits what uk may not speak for, and never shows us's RED object to uk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TLP_V2 } from '../../src/stix/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { COLLECTION, eventually, freePort, NodeProcess, ORGS } from './support/node-process.js';

let us: NodeProcess;
let uk: NodeProcess;
let eu: NodeProcess;

const GROUP_EXT = 'extension-definition--f9eaf669-d97c-4eac-bd5e-1c00d92d098e';
const group = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: 'marking-definition--4d2b1c0a-0000-4000-8000-00000000d001',
  created: '2024-07-19T09:00:00.000Z',
  created_by_ref: ORGS.us,
  name: 'us and eu',
  extensions: { [GROUP_EXT]: { extension_type: 'property-extension', members: [ORGS.us, ORGS.eu] } },
};
const indicator = (n: number, extra: Record<string, unknown> = {}) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--4d2b1c0a-0000-4000-8000-00000000d1${String(n).padStart(2, '0')}`,
  created: '2024-07-19T09:00:00.000Z',
  modified: '2024-07-19T09:00:00.000Z',
  name: `us ${n}`,
  pattern: `[domain-name:value = 'relay${n}.example.com']`,
  pattern_type: 'stix',
  valid_from: '2024-07-19T09:00:00Z',
  created_by_ref: ORGS.us,
  ...extra,
});
const red = indicator(1, { object_marking_refs: [TLP_V2.red.id, group.id] });
const green = indicator(2, { object_marking_refs: [TLP_V2.green.id] });

async function names(node: NodeProcess, user: string, id: string): Promise<string[]> {
  const out: string[] = [];
  for await (const o of node.client(user).objects(node.apiRoot, COLLECTION, { ids: [id], versions: ['all'] }))
    out.push(String(o.name));
  return out;
}

/** What a taken-over node does: writes into its own database, past every check of its own. */
async function forge(node: NodeProcess, objects: Record<string, unknown>[]): Promise<void> {
  const store = new SqliteStore({ path: node.db });
  await store.init();
  try {
    await store.addVersions(
      COLLECTION,
      objects.map((object) => ({ object, producerOrg: 'uk', origin: 'local' })),
    );
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  [us, uk, eu] = [
    new NodeProcess('us', await freePort()),
    new NodeProcess('uk', await freePort()),
    new NodeProcess('eu', await freePort()),
  ];
  await Promise.all([us.setUp(), uk.setUp(), eu.setUp()]);
  await Promise.all([eu.addPeer(us, ['--pull']), uk.addPeer(us, ['--pull'])]);
  await Promise.all([us.start(), uk.start(), eu.start()]);
}, 180_000);

afterAll(async () => {
  await Promise.all([us?.destroy(), uk?.destroy(), eu?.destroy()]);
});

describe('a hostile relay between three nodes (issue 13)', () => {
  it('eu keeps what us shared as us shared it, refuses and audits what uk relays for others, and hides us RED from uk', async () => {
    const status = await us.client('editor').addObjects(us.apiRoot, COLLECTION, [group, red, green]);
    expect(status.failures).toEqual([]);
    expect(await eventually(async () => (await names(eu, 'admin', red.id)).length === 1, 20_000)).toBe(true);
    expect(await eventually(async () => (await names(uk, 'admin', green.id)).length === 1, 20_000)).toBe(
      true,
    );
    // uk never received the RED object.
    expect(await names(uk, 'admin', red.id)).toEqual([]);

    const later = '2024-08-01T00:00:00.000Z';
    await forge(
      uk,
      [
        // A new version of us's object, in us's name.
        { ...green, modified: later, name: 'forged in us name' },
        // us's group, wider, in nobody's name.
        {
          ...group,
          created_by_ref: undefined,
          extensions: {
            [GROUP_EXT]: { extension_type: 'property-extension', members: [ORGS.us, ORGS.eu, ORGS.uk] },
          },
        },
        // A version of us's RED object, which uk cannot see, in nobody's name and unmarked.
        { ...indicator(1), created_by_ref: undefined, modified: later, name: 'forged, unmarked' },
        // An object in eu's name.
        indicator(3, { created_by_ref: ORGS.eu, name: 'forged in eu name' }),
      ].map((o) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>),
    );
    await eu.addPeer(uk, ['--pull']);
    // eu's running node picks the new peer up and pulls: the refusals reach its audit log.
    const refusedIds = async () => {
      const store = new SqliteStore({ path: eu.db });
      await store.init();
      try {
        return (await store.listAudit({})).filter((e) => e.action === 'relay.refused').map((e) => e.objectId);
      } finally {
        await store.close();
      }
    };
    expect(
      await eventually(async () => {
        const ids = await refusedIds();
        return ids.includes(green.id) && ids.includes(indicator(3).id);
      }, 30_000),
    ).toBe(true);
    // Everyone on eu still reads us's objects as us shared them.
    expect(await names(eu, 'admin', green.id)).toEqual(['us 2']);
    expect(await names(eu, 'admin', red.id)).toEqual(['us 1']);
    expect(await names(eu, 'press', green.id)).toEqual(['us 2']);
    // uk's own account on eu sees no version of the RED object but the one it relayed itself.
    expect(await names(eu, 'uk-peer', red.id)).toEqual(['forged, unmarked']);
    expect(await names(eu, 'us-peer', red.id)).toEqual(['us 1']);
    expect(await names(eu, 'press', red.id)).toEqual([]);
    expect(await names(eu, 'admin', indicator(3).id)).toEqual([]);
    // The group means on eu what us made it mean, for everyone: uk is not in it.
    for (const user of ['admin', 'uk-peer']) {
      const members: unknown[] = [];
      for await (const o of eu
        .client(user)
        .objects(eu.apiRoot, COLLECTION, { ids: [group.id], versions: ['all'] }))
        members.push((o.extensions as Record<string, { members: string[] }>)[GROUP_EXT]?.members);
      expect(members).toEqual([[ORGS.us, ORGS.eu]]);
    }
  }, 120_000);
});
