import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedEntries, readFeedManifest, withEntry } from './misp/index.js';
import { type MispEventItems, mispItems } from './misp-items.js';

const fixture = (path: string) =>
  readFileSync(new URL(`../../test/fixtures/misp/${path}`, import.meta.url), 'utf8');
const everyType = JSON.parse(fixture('accord/every-type.json'));
const objects = JSON.parse(fixture('accord/objects.json'));
let dir: string;
let feed: string;

/** A feed directory as MISP publishes one: manifest.json and one <uuid>.json per event. */
function writeFeed(path: string, events: { Event: Record<string, unknown> }[]): void {
  mkdirSync(path, { recursive: true });
  const manifest: Record<string, unknown> = {};
  for (const e of events) {
    manifest[String(e.Event.uuid)] = {
      info: e.Event.info,
      timestamp: e.Event.timestamp,
      Orgc: e.Event.Orgc,
      Tag: e.Event.Tag,
    };
    writeFileSync(join(path, `${String(e.Event.uuid)}.json`), JSON.stringify(e));
  }
  writeFileSync(join(path, 'manifest.json'), JSON.stringify(manifest));
}

const collect = async (it: AsyncIterable<MispEventItems>) => {
  const out: MispEventItems[] = [];
  for await (const x of it) out.push(x);
  return out;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'accord-misp-'));
  feed = join(dir, 'feed');
  writeFeed(feed, [everyType, objects]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('MISP feed directories: manifest.json + <uuid>.json', () => {
  it('reads the manifest: one entry per event with its timestamp and file', async () => {
    const manifest = await readFeedManifest(feed);
    expect(manifest.issues).toEqual([]);
    expect(manifest.entries.map((e) => [e.uuid, e.timestamp, e.file])).toEqual([
      [everyType.Event.uuid, Number(everyType.Event.timestamp), join(feed, `${everyType.Event.uuid}.json`)],
      [objects.Event.uuid, Number(objects.Event.timestamp), join(feed, `${objects.Event.uuid}.json`)],
    ]);
  });

  it('a manifest key that is not a uuid never reaches the file system (no ../ path)', async () => {
    const evil = join(dir, 'evil');
    mkdirSync(evil);
    writeFileSync(join(evil, 'manifest.json'), JSON.stringify({ '../../etc/passwd': { timestamp: '1' } }));
    const manifest = await readFeedManifest(evil);
    expect(manifest.entries).toEqual([]);
    expect(manifest.issues[0]).toMatchObject({ code: 'INTEROP_FEED_INVALID', severity: 'error' });
  });

  it('a directory without a readable manifest is not a feed (INTEROP_FEED_INVALID)', async () => {
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'manifest.json'), '{"truncated":');
    await expect(readFeedManifest(broken)).rejects.toMatchObject({ code: 'INTEROP_FEED_INVALID' });
  });

  it('incremental: only events whose manifest timestamp changed since the previous state are read', async () => {
    const manifest = await readFeedManifest(feed);
    expect(changedEntries(manifest)).toHaveLength(2);
    let state = {};
    for (const e of manifest.entries) state = withEntry(state, e);
    expect(changedEntries(manifest, state)).toEqual([]);
    expect(changedEntries(manifest, { ...state, [everyType.Event.uuid]: 1 }).map((e) => e.uuid)).toEqual([
      everyType.Event.uuid,
    ]);
  });
});

describe('mispItems: one unit of STIX objects per event, with its report', () => {
  it('a feed gives one unit per event, each naming the manifest entry to record once stored', async () => {
    const items = await collect(mispItems([feed]));
    expect(items.map((i) => [i.event, i.feed?.timestamp, i.rejected])).toEqual([
      [everyType.Event.uuid, Number(everyType.Event.timestamp), 2],
      [objects.Event.uuid, Number(objects.Event.timestamp), 2],
    ]);
    expect(items[0]!.items.find((x) => x.value.type === 'report')).toBeDefined();
  });

  it('with the state after a first import, an unchanged feed gives nothing; a changed event comes again', async () => {
    let state = {};
    for (const i of await collect(mispItems([feed]))) if (i.feed) state = withEntry(state, i.feed);
    expect(await collect(mispItems([feed], { feedStates: { [feed]: state } }))).toEqual([]);
    const changed = structuredClone(objects);
    changed.Event.timestamp = String(Number(objects.Event.timestamp) + 60);
    const next = join(dir, 'feed2');
    writeFeed(next, [everyType, changed]);
    const again = await collect(mispItems([next], { feedStates: { [next]: state } }));
    expect(again.map((i) => i.event)).toEqual([objects.Event.uuid]);
  });

  it('feedStateOf: the caller derives the state from the manifest (its store); only what it lacks is read', async () => {
    const asked: string[][] = [];
    const units = await collect(
      mispItems([feed], {
        feedStateOf: async (manifest) => {
          asked.push(manifest.entries.map((e) => e.uuid).sort());
          return { [everyType.Event.uuid]: Number(everyType.Event.timestamp) };
        },
      }),
    );
    expect(asked).toEqual([[everyType.Event.uuid, objects.Event.uuid].sort()]);
    expect(units.map((u) => u.event)).toEqual([objects.Event.uuid]);
  });

  it('seenIdentities shared across calls: an organisation identity goes once per run, not once per file', async () => {
    const seenIdentities = new Set<string>();
    const identities = async () =>
      (await collect(mispItems([feed], { seenIdentities }))).flatMap((u) =>
        u.items.filter((i) => i.value.type === 'identity'),
      );
    expect((await identities()).length).toBeGreaterThan(0);
    expect(await identities()).toEqual([]);
  });

  it('an event the manifest lists but the feed lacks is reported (INTEROP_FEED_EVENT_MISSING), and not recorded', async () => {
    const gap = join(dir, 'gap');
    writeFeed(gap, [everyType]);
    rmSync(join(gap, `${everyType.Event.uuid}.json`));
    const [item] = await collect(mispItems([gap]));
    expect(item).toMatchObject({ event: everyType.Event.uuid, rejected: 1, items: [] });
    expect(item!.issues[0]!.code).toBe('INTEROP_FEED_EVENT_MISSING');
    expect(item!.feed).toBeUndefined();
  });

  it('files: {"response": […]} (ESET), truncated JSON and non-MISP JSON each give a clear report', async () => {
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, fixture('accord/objects.json').slice(0, 500));
    const stix = join(dir, 'stix.json');
    writeFileSync(
      stix,
      JSON.stringify({ type: 'bundle', id: 'bundle--6b616b16-61e4-4b28-9b8a-0cf3e4bc5a11', objects: [] }),
    );
    const eset = fileURLPath('eset/oceanlotus.misp.event.json');
    const items = await collect(mispItems([eset, truncated, stix]));
    expect(items.map((i) => [i.event, i.rejected, i.issues[0]?.code])).toEqual([
      ['5a610659-d718-4a1f-b020-04d80a016219', 0, 'INTEROP_CARRIED_AS_NOTE'],
      ['', 1, 'INTEROP_NOT_JSON'],
      ['', 1, 'INTEROP_UNKNOWN_FORMAT'],
    ]);
  });

  it('a directory of event files gives every .json in name order; an organisation identity comes once per run', async () => {
    const events = join(dir, 'events');
    mkdirSync(events);
    writeFileSync(join(events, 'b.json'), JSON.stringify(objects));
    writeFileSync(join(events, 'a.json'), JSON.stringify(everyType));
    writeFileSync(join(events, 'notes.txt'), 'ignored');
    const items = await collect(mispItems([events]));
    expect(items.map((i) => i.file)).toEqual([join(events, 'a.json'), join(events, 'b.json')]);
    const creator = `identity--${String(everyType.Event.Orgc.uuid)}`;
    expect(items[0]!.items.some((i) => i.value.id === creator)).toBe(true);
    expect(items[1]!.items.some((i) => i.value.id === creator)).toBe(false);
  });

  it('each object says where in the MISP input it came from (a JSON pointer)', async () => {
    const [item] = await collect(mispItems([fileURLPath('accord/every-type.json')]));
    const indicator = item!.items.find((i) => i.value.type === 'indicator')!;
    expect(indicator.path).toBe('/Event/Attribute/0');
    expect(item!.items.find((i) => i.value.type === 'report')!.path).toBe('/Event');
  });
});

function fileURLPath(name: string): string {
  return new URL(`../../test/fixtures/misp/${name}`, import.meta.url).pathname;
}
