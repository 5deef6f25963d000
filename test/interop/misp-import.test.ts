/**
 * The interop library under the node's ingest, without the import use case: mispItems yields one
 * unit per MISP event, each stored by one ingestBatch (one transaction), then read back through
 * TAXII GET; feed state kept by the caller (FeedState, withEntry). Also STIX 2.0 upgraded before
 * ingest. `accord import` itself is tested in misp-cli.test.ts and export-cli.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, ingestBatch, nodeServices } from '../../src/core/index.js';
import { type FeedState, mispItems, withEntry } from '../../src/interop/index.js';
import { upgradeObjects } from '../../src/stix/index.js';
import { type Fixture, get, makeFixture, objectsUrl } from '../taxii/support/taxii-fixture.js';

type Json = Record<string, unknown>;

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
let f: Fixture;
let dir: string;

/** Imports MISP inputs as accord import will: one ingestBatch per event. */
async function importMisp(paths: string[], feedStates: Record<string, FeedState> = {}) {
  const caller = await callerOf(f.store, 'alice');
  let stored = 0;
  let rejected = 0;
  const ids = new Set<string>();
  const states = { ...feedStates };
  for await (const unit of mispItems(paths, { feedStates })) {
    const report = await ingestBatch(
      nodeServices(f.store),
      f.shared,
      unit.items.map((i) => ({ value: i.value, path: `${unit.file}:${i.path}` })),
      { producerOrg: caller.orgId, origin: 'local' },
    );
    stored += report.successes.length;
    for (const success of report.successes) ids.add(success.id);
    rejected += unit.rejected + report.failures.length;
    if (unit.feed && report.failures.length === 0)
      states[unit.feed.directory] = withEntry(states[unit.feed.directory] ?? {}, unit.feed);
  }
  return { stored, rejected, states, ids };
}

const allVersions = async () =>
  (await get(f, objectsUrl(f.shared, '?limit=10000&match[version]=all'))).json().objects as Json[];

beforeAll(async () => {
  f = await makeFixture();
  dir = mkdtempSync(join(tmpdir(), 'accord-misp-import-'));
});
afterAll(async () => {
  await f.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('MISP events into the node, one transaction per event', () => {
  it('the ESET events and Accord test events are stored whole; only the invalid attributes are missing', async () => {
    const result = await importMisp([fixture('misp/eset'), fixture('misp/accord')]);
    expect(result.rejected).toBe(4); // two invalid values, one invalid object value, and that object
    const objects = (await get(f, objectsUrl(f.shared, '?limit=10000'))).json().objects as Json[];
    // An SCO two events share (by its deterministic id) is one object.
    expect(objects.length).toBe(result.ids.size);
    const ids = new Set(objects.map((o) => o.id));
    // Every reference of every stored report resolves: no event is half-stored.
    for (const r of objects.filter((o) => o.type === 'report' || o.type === 'grouping'))
      for (const ref of r.object_refs as string[]) expect(ids.has(ref), ref).toBe(true);
  });

  it('importing the same events again stores nothing new (same ids, same versions)', async () => {
    const before = (await allVersions()).length;
    const again = await importMisp([fixture('misp/eset'), fixture('misp/accord')]);
    expect(again.stored).toBeGreaterThan(0);
    expect((await allVersions()).length).toBe(before);
  });

  it('a feed read incrementally: a changed event becomes new versions of its objects, an unchanged one is not read', async () => {
    const feed = join(dir, 'feed');
    mkdirSync(feed);
    const doc = JSON.parse(readFileSync(fixture('misp/accord/objects.json'), 'utf8'));
    const write = () => {
      writeFileSync(join(feed, `${doc.Event.uuid}.json`), JSON.stringify(doc));
      writeFileSync(
        join(feed, 'manifest.json'),
        JSON.stringify({ [doc.Event.uuid]: { timestamp: doc.Event.timestamp, info: doc.Event.info } }),
      );
    };
    write();
    const first = await importMisp([feed]);
    expect(first.states[feed]).toEqual({ [doc.Event.uuid]: Number(doc.Event.timestamp) });
    const unchanged = await importMisp([feed], first.states);
    expect(unchanged.stored).toBe(0);
    doc.Event.timestamp = String(Number(doc.Event.timestamp) + 3600);
    const url = doc.Event.Object.find((o: Json) => o.name === 'url');
    url.timestamp = doc.Event.timestamp;
    url.Attribute[0].comment = 'redirects to a new payload';
    write();
    const before = await allVersions();
    await importMisp([feed], first.states);
    const after = await allVersions();
    const indicator = `indicator--${url.uuid}`;
    expect(after.filter((o) => o.id === indicator)).toHaveLength(
      before.filter((o) => o.id === indicator).length + 1,
    );
    expect(after.filter((o) => o.id === `grouping--${doc.Event.uuid}`)).toHaveLength(2);
  });
});

describe('STIX 2.0 upgraded before ingest', () => {
  it('the Unit 42 playbooks upgrade and store without a rejection', async () => {
    const caller = await callerOf(f.store, 'alice');
    for (const name of ['hermeticwiper.json', 'vmware-vulnerabilities.json']) {
      const bundle = JSON.parse(readFileSync(fixture(`stix/unit42/${name}`), 'utf8')) as {
        objects: unknown[];
      };
      const { objects } = upgradeObjects(bundle.objects);
      const report = await ingestBatch(
        nodeServices(f.store),
        f.shared,
        objects.map((value, i) => ({ value, path: `/objects/${i}` })),
        { producerOrg: caller.orgId, origin: 'local' },
      );
      expect(report.failures).toEqual([]);
      expect(report.successes).toHaveLength(bundle.objects.length);
    }
  });
});
