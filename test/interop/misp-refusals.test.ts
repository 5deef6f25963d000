/**
 * Issue 19, "Bad input": ingest may still refuse single objects of a MISP event that interop/
 * found valid (a pattern over the node's limits, an id another organisation owns). Each refusal
 * is reported with its event, path and reason; what would refer to a refused object the
 * collection does not hold is left out and reported too (nothing half-stored, nothing dropped
 * silently); the rest of the event is stored, and the import exits 1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCollection } from '../../src/core/index.js';
import { type Fixture, get, makeFixture, objectsUrl } from '../taxii/support/taxii-fixture.js';
import { runCli } from './support/run-cli.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON read from command output, checked by the assertions.
type Json = Record<string, any>;

const EVENT = 'a7f3c1d2-6b1e-4c4a-9e0f-3d2b1c0a9f81';
const LONG = 'b1d2c3e4-0f1a-4b2c-8d3e-4f5a6b7c8d91';
const IP = 'c2e3d4f5-1a2b-4c3d-9e4f-5a6b7c8d9e02';
const SIGHTING = 'd3f4e5a6-2b3c-4d4e-8f5a-6b7c8d9e0f13';
const CLUSTER = 'e4a5f6b7-3c4d-4e5f-9a6b-7c8d9e0f1a24';

/** A published event: a to_ids url too long for a pattern (sighted, with a galaxy), and an ip-dst. */
const event = (url: string) => ({
  Event: {
    uuid: EVENT,
    info: 'refusals',
    date: '2024-03-09',
    timestamp: '1710000000',
    published: true,
    publish_timestamp: '1710000000',
    distribution: '3',
    Orgc: { name: 'Example CERT', uuid: '2b5c7fad-9586-4280-8c5f-187c08b78537' },
    Tag: [{ name: 'tlp:green' }],
    Attribute: [
      {
        uuid: LONG,
        type: 'url',
        category: 'Network activity',
        value: url,
        to_ids: true,
        timestamp: '1710000000',
        Galaxy: [
          {
            type: 'mitre-attack-pattern',
            name: 'Attack Pattern',
            GalaxyCluster: [
              {
                uuid: CLUSTER,
                type: 'mitre-attack-pattern',
                value: 'Web Protocols - T1071.001',
                meta: { external_id: ['T1071.001'] },
              },
            ],
          },
        ],
        Sighting: [
          {
            uuid: SIGHTING,
            type: '0',
            date_sighting: '1710003600',
            Organisation: { name: 'Example CERT', uuid: '2b5c7fad-9586-4280-8c5f-187c08b78537' },
          },
        ],
      },
      {
        uuid: IP,
        type: 'ip-dst',
        category: 'Network activity',
        value: '198.51.100.23',
        to_ids: true,
        timestamp: '1710000000',
      },
    ],
  },
});

let f: Fixture;
let dir: string;
beforeAll(async () => {
  f = await makeFixture();
  dir = mkdtempSync(join(tmpdir(), 'accord-misp-refusals-'));
});
afterAll(async () => {
  await f.close();
  rmSync(dir, { recursive: true, force: true });
});

const importAs = async (user: string, c: string, doc: unknown, name: string) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(doc));
  const run = await runCli(f.store, ['import', file, '--collection', c, '--as', user, '--json']);
  return { ...run, summary: JSON.parse(run.out || '{}') as Json };
};
const objectsOf = async (c: string): Promise<Json[]> =>
  (await get(f, objectsUrl(c, '?limit=10000'))).json().objects ?? [];

describe('accord import: objects of a MISP event that ingest refuses', () => {
  it('a refused indicator is reported, what refers to it left out and reported, the rest stored', async () => {
    const c = (await addCollection(f.store, { title: 'refusals', canRead: ['*'], canWrite: ['uk-ncsc'] })).id;
    // Over the pattern engine's 100,000 characters, under interop's 1 MiB value limit.
    const run = await importAs('alice', c, event(`https://example.com/${'a'.repeat(120_000)}`), 'long.json');
    expect(run.code, run.err).toBe(1);
    const errors = run.summary.errors as Json[];
    const refused = errors.find((e) => e.id === `indicator--${LONG}`);
    expect(refused).toMatchObject({ event: EVENT, path: '/Event/Attribute/0' });
    const leftOut = errors.filter((e) => /^left out with indicator--/.test(e.message));
    expect(leftOut.map((e) => String(e.id).split('--')[0]).sort()).toEqual(['relationship', 'sighting']);
    for (const e of leftOut) expect(e.event).toBe(EVENT);
    expect(run.summary.rejected).toBe(3);
    const objects = await objectsOf(c);
    const ids = new Set(objects.map((o) => o.id));
    expect(ids.has(`indicator--${IP}`)).toBe(true);
    expect(ids.has(`attack-pattern--${CLUSTER}`)).toBe(true);
    const report = objects.find((o) => o.id === `report--${EVENT}`);
    expect(report?.object_refs).not.toContain(`indicator--${LONG}`);
    // Nothing stored names what was not stored.
    for (const o of objects)
      for (const [k, v] of Object.entries(o))
        if (k !== 'object_marking_refs' && (k.endsWith('_ref') || k.endsWith('_refs')))
          for (const r of [v].flat())
            expect(ids.has(r) || String(r).startsWith('marking-definition--'), `${o.id} ${k} ${r}`).toBe(
              true,
            );
    // The same input again gives the same outcome and nothing new.
    const again = await importAs(
      'alice',
      c,
      event(`https://example.com/${'a'.repeat(120_000)}`),
      'long.json',
    );
    expect(again.summary).toMatchObject({ new: 0, rejected: 3 });
  });

  it('an id another organisation owns is refused and reported; what names it stays, the rest is stored', async () => {
    const c = (
      await addCollection(f.store, { title: 'owned', canRead: ['*'], canWrite: ['uk-ncsc', 'fr-anssi'] })
    ).id;
    // bob (fr-anssi) imports the event first: its ids are fr-anssi's.
    const first = await importAs('bob', c, event('https://example.com/x'), 'bob.json');
    expect(first.code, first.err).toBe(0);
    const changed = event('https://example.com/y');
    changed.Event.timestamp = '1710000100';
    changed.Event.Attribute[0]!.timestamp = '1710000100';
    const run = await importAs('alice', c, changed, 'alice.json');
    expect(run.code, run.err).toBe(1);
    const owned = (run.summary.errors as Json[]).filter((e) =>
      /belongs to another organisation/.test(e.message),
    );
    expect(owned.map((e) => e.id)).toEqual(
      expect.arrayContaining([`indicator--${LONG}`, `report--${EVENT}`]),
    );
    for (const e of owned) expect(e.event).toBe(EVENT);
    expect((run.summary.errors as Json[]).filter((e) => /^left out/.test(e.message))).toEqual([]);
  });
});
