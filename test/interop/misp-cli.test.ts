/**
 * `accord import` of MISP events and feeds and `accord export --format misp`, end to end through
 * the CLI commands on a node (CONTRACT.md "Interoperability", issue 19): the ESET events (public,
 * licence in test/fixtures/misp/eset/LICENSE) imported twice give the same ids, a changed feed
 * event gives new versions and nothing else is read again, and MISP → Accord → MISP keeps every
 * attribute's value, type and to_ids flag.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCollection } from '../../src/core/index.js';
import { type Fixture, get, makeFixture, objectsUrl } from '../taxii/support/taxii-fixture.js';
import { runCli } from './support/run-cli.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON read from fixtures and command output, checked by the assertions.
type Json = Record<string, any>;

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const read = (path: string): Json => JSON.parse(readFileSync(path, 'utf8'));
/** The events of a MISP document ({"Event"}, {"response"}, or a list). */
const eventsOf = (doc: Json): Json[] =>
  (Array.isArray(doc) ? doc : Array.isArray(doc.response) ? doc.response : [doc]).map((e: Json) => e.Event);

let f: Fixture;
let dir: string;
const collection = async (title: string) =>
  (await addCollection(f.store, { title, canRead: ['*'], canWrite: ['uk-ncsc'] })).id;
const allVersions = async (c: string): Promise<Json[]> =>
  (await get(f, objectsUrl(c, '?limit=10000&match[version]=all'))).json().objects ?? [];
const importJson = async (args: string[]) => {
  const run = await runCli(f.store, ['import', ...args, '--as', 'alice', '--json']);
  return { ...run, summary: JSON.parse(run.out || '{}') as Json };
};

beforeAll(async () => {
  f = await makeFixture();
  dir = mkdtempSync(join(tmpdir(), 'accord-misp-cli-'));
});
afterAll(async () => {
  await f.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('accord import: ESET MISP events', () => {
  it('imported twice: the same ids, the second run all unchanged (contract summary keys kept)', async () => {
    const c = await collection('eset');
    const first = await importJson([fixture('misp/eset'), '--collection', c]);
    expect(first.code).toBe(0);
    expect(first.summary).toMatchObject({ rejected: 0, errors: [], failed: [], misp: { events: 3 } });
    expect(first.summary.new).toBeGreaterThan(300);
    expect(first.summary.stored).toBe(first.summary.new);
    const before = await allVersions(c);
    const ids = new Set(before.map((o) => o.id));
    const second = await importJson([fixture('misp/eset'), '--collection', c]);
    expect(second.code).toBe(0);
    expect(second.summary).toMatchObject({ new: 0, stored: 0, unchanged: first.summary.new, rejected: 0 });
    const after = await allVersions(c);
    expect(after).toHaveLength(before.length);
    expect(new Set(after.map((o) => o.id))).toEqual(ids);
    // Every attribute of every event became an object with an id made from its uuid.
    for (const event of readdirSync(fixture('misp/eset'))
      .filter((n) => n.endsWith('.json'))
      .flatMap((n) => eventsOf(read(join(fixture('misp/eset'), n))))) {
      expect(ids.has(`report--${event.uuid}`) || ids.has(`grouping--${event.uuid}`)).toBe(true);
      for (const a of event.Attribute ?? [])
        expect(
          [`indicator--${a.uuid}`, `observed-data--${a.uuid}`, `note--${a.uuid}`].some((id) => ids.has(id)) ||
            a.type === 'link',
          `${a.type} ${a.uuid}`,
        ).toBe(true);
    }
  });

  it('invalid attributes are reported per event and attribute, the rest is stored, exit 1', async () => {
    const c = await collection('accord');
    const run = await importJson([fixture('misp/accord'), '--collection', c]);
    expect(run.code).toBe(1);
    expect(run.summary.rejected).toBe(4);
    const bad = run.summary.errors.find((e: Json) => e.uuid === '62ecd29f-ffbc-488d-8596-a2a5e3d7de71');
    expect(bad).toMatchObject({
      event: '4c237b7e-2ac9-458e-8b3c-9b55c8752054',
      type: 'ip-dst',
      code: 'INTEROP_INVALID_VALUE',
      path: '/Event/Attribute/50/value',
    });
    expect(run.summary.skipped.some((s: Json) => /expiration sighting/.test(s.message))).toBe(true);
    const text = await runCli(f.store, [
      'import',
      fixture('misp/accord'),
      '--collection',
      c,
      '--as',
      'alice',
    ]);
    expect(text.out).toMatch(/event 4c237b7e-2ac9-458e-8b3c-9b55c8752054 ip-dst 62ecd29f-.*999\.1\.2\.300/);
  });

  it('accord import - takes a MISP event on stdin, named stdin in reports', async () => {
    const c = await collection('stdin');
    const run = await runCli(
      f.store,
      ['import', '-', '--collection', c, '--as', 'alice', '--json'],
      readFileSync(fixture('misp/accord/every-type.json'), 'utf8'),
    );
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.out);
    expect(summary.new).toBeGreaterThan(0);
    expect(summary.misp).toMatchObject({ events: 1 });
    expect(summary.errors.map((e: Json) => e.file)).toEqual(['stdin', 'stdin']);
  });

  it('a truncated MISP file stores nothing and exits 2, like a truncated STIX file', async () => {
    const c = await collection('truncated');
    const text = readFileSync(fixture('misp/eset/endor.json'), 'utf8');
    const path = join(dir, 'cut.json');
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
    const run = await importJson([path, '--collection', c]);
    expect(run.code).toBe(2);
    expect(run.summary.failed[0].message).toMatch(/nothing from this file was stored/);
    expect(await allVersions(c)).toEqual([]);
  });
});

describe('accord import: a MISP feed directory, incremental', () => {
  it('the state is the collection: unchanged events are not read again, a changed one gives new versions', async () => {
    const c = await collection('feed');
    const feed = join(dir, 'feed');
    mkdirSync(feed);
    const events = readdirSync(fixture('misp/eset'))
      .filter((n) => n.endsWith('.json'))
      .flatMap((n) => eventsOf(read(join(fixture('misp/eset'), n))));
    const write = () => {
      for (const e of events) writeFileSync(join(feed, `${e.uuid}.json`), JSON.stringify({ Event: e }));
      writeFileSync(
        join(feed, 'manifest.json'),
        JSON.stringify(
          Object.fromEntries(events.map((e) => [e.uuid, { timestamp: e.timestamp, info: e.info }])),
        ),
      );
    };
    write();
    const first = await importJson([feed, '--collection', c]);
    expect(first.summary).toMatchObject({ rejected: 0, misp: { events: 3, unchangedEvents: 0 } });
    const again = await importJson([feed, '--collection', c]);
    expect(again.summary).toMatchObject({ new: 0, unchanged: 0, misp: { events: 0, unchangedEvents: 3 } });

    // Another collection holds nothing yet: the whole feed is read for it.
    const other = await collection('feed, elsewhere');
    const elsewhere = await importJson([feed, '--collection', other]);
    expect(elsewhere.summary).toMatchObject({ new: first.summary.new, misp: { events: 3 } });

    // ESET's events mark no attribute to_ids: their attributes are observations.
    const changed = events[0]!;
    const attribute = changed.Attribute.find((a: Json) =>
      ['sha1', 'md5', 'sha256', 'domain'].includes(a.type),
    );
    changed.timestamp = String(Number(changed.timestamp) + 3600);
    attribute.timestamp = changed.timestamp;
    attribute.comment = 'seen again in a later campaign';
    write();
    const before = await allVersions(c);
    const third = await importJson([feed, '--collection', c]);
    expect(third.summary).toMatchObject({ rejected: 0, misp: { events: 1, unchangedEvents: 2 } });
    const after = await allVersions(c);
    const versions = (id: string, list: Json[]) => list.filter((o) => o.id === id);
    const observation = `observed-data--${attribute.uuid}`;
    expect(versions(observation, after)).toHaveLength(versions(observation, before).length + 1);
    expect(versions(observation, after).map((o) => o.modified)).toContain(
      new Date(Number(changed.timestamp) * 1000).toISOString(),
    );
    const report = (list: Json[]) =>
      list.filter((o) => o.id === `report--${changed.uuid}` || o.id === `grouping--${changed.uuid}`);
    expect(report(after)).toHaveLength(report(before).length + 1);
    // What did not change stays as it was: only the changed event's objects gained versions.
    expect(third.summary.new).toBe(after.length - before.length);
  });
});

describe('round trip MISP → Accord → MISP (accord export --format misp)', () => {
  it('keeps every stored attribute value, type and to_ids flag', async () => {
    const c = await collection('round trip');
    await importJson([fixture('misp/eset'), fixture('misp/accord'), '--collection', c]);
    const out = join(dir, 'export.misp.json');
    const run = await runCli(f.store, [
      'export',
      '--collection',
      c,
      '--as',
      'alice',
      '--format',
      'misp',
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/exported \d+ objects as 5 MISP events/);
    const exported = eventsOf(read(out));
    const back = new Map(
      exported
        .flatMap((e) => [...e.Attribute, ...e.Object.flatMap((o: Json) => o.Attribute)])
        .map((a) => [a.uuid, a]),
    );
    const rejected = new Set([
      '62ecd29f-ffbc-488d-8596-a2a5e3d7de71',
      'c3cecb6a-f0ef-4524-86d5-e2e414197487',
      'ef673683-2268-4a2a-8efc-330a2474af2d',
    ]);
    let compared = 0;
    for (const name of [
      'misp/eset/endor.json',
      'misp/eset/misp-turla-outlook-event.json',
      'misp/eset/oceanlotus.misp.event.json',
      'misp/accord/every-type.json',
      'misp/accord/objects.json',
    ])
      for (const event of eventsOf(read(fixture(name)))) {
        const attributes: Json[] = [
          ...(event.Attribute ?? []),
          ...(event.Object ?? [])
            .filter((o: Json) => o.uuid !== 'd3929237-ce70-4217-8533-2ae4b94811c3')
            .flatMap((o: Json) => o.Attribute ?? []),
        ];
        for (const a of attributes) {
          if (rejected.has(a.uuid)) {
            expect(back.has(a.uuid)).toBe(false);
            continue;
          }
          compared++;
          expect(back.get(a.uuid), `${name} ${a.type} ${a.value}`).toMatchObject({
            type: a.type,
            value: a.value,
            to_ids: a.to_ids,
          });
        }
      }
    expect(compared).toBeGreaterThan(200);
  });

  it('the export imports again without anything new: same ids, same versions', async () => {
    const c = await collection('round trip again');
    await importJson([fixture('misp/eset'), '--collection', c]);
    const run = await runCli(f.store, ['export', '--collection', c, '--as', 'alice', '--format', 'misp']);
    const path = join(dir, 'again.json');
    writeFileSync(path, run.out);
    const again = await importJson([path, '--collection', c]);
    // Nothing new. The one refusal: Turla's intrusion-set, which two ESET events carry in two
    // versions of different content; the export holds its latest, which the older event's
    // timestamp then names (a MISP galaxy has no version of its own).
    expect(again.summary).toMatchObject({ new: 0 });
    expect(again.summary.errors.map((e: Json) => e.id)).toEqual([
      'intrusion-set--7cdff317-a673-4474-84ec-4f1754947823',
    ]);
    const attributeObjects = (await allVersions(c)).filter((o) => o.type === 'observed-data');
    expect(attributeObjects.length).toBeGreaterThan(100);
    expect(new Set(attributeObjects.map((o) => o.id)).size).toBe(attributeObjects.length);
  });
});
