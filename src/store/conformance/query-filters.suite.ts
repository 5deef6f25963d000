/** Conformance: queryObjects filters and version selection (TAXII 2.1 section 3.4.1). */

import { describe, expect, it } from 'vitest';
import { asMicros } from '../../stix/index.js';
import type { ObjectQuery, StoredObject, VersionSelector } from '../objects.js';
import { collection, END_OF_TIME, hiding, rejectionCode, SEE_ALL, sdo, version } from './fixtures.js';
import { type StoreFactory, useStore } from './harness.suite.js';

const V1 = '2021-01-01T00:00:00.000Z';
const V2 = '2021-02-01T00:00:00.000Z';
const V3 = '2021-03-01T00:00:00.000Z';

/** Filter and version-selection tests. */
export function queryFiltersSuite(makeStore: StoreFactory): void {
  describe('queryObjects filters', () => {
    const store = useStore(makeStore);
    const q = (extra: Partial<ObjectQuery> = {}): ObjectQuery => ({
      collectionId: 'c',
      limit: 100,
      now: END_OF_TIME,
      ...extra,
    });
    const keys = (items: readonly StoredObject[]) => items.map((r) => `${r.type}#${r.version}`);
    const ids = async (query: ObjectQuery, view = SEE_ALL) =>
      (await store().queryObjects(query, view)).items.map((r) => r.id);

    // Indicator 1 has three versions, added V2, V1, V3 (out of order); malware 2 is spec 2.0.
    const ind = (modified: string) => sdo('indicator', 1, modified);
    const setup = async () => {
      await store().addCollection(collection('c'));
      await store().addCollection(collection('other'));
      await store().addVersions('c', [version(ind(V2)), version(ind(V1))]);
      await store().addVersions('c', [version({ ...sdo('malware', 2, V1), spec_version: '2.0' })]);
      await store().addVersions('c', [version(ind(V3)), version(sdo('tool', 3, V1))]);
      await store().addVersions('other', [version(sdo('campaign', 4, V1))]);
    };

    it('3.4.1 returns only the collection, in date_added order, latest versions by default', async () => {
      await setup();
      const page = await store().queryObjects(q(), SEE_ALL);
      expect(keys(page.items)).toEqual([`malware#${V1}`, `indicator#${V3}`, `tool#${V1}`]);
      expect(page.more).toBe(false);
      const added = page.items.map((r) => r.dateAdded);
      expect([...added].sort((a, b) => a - b)).toEqual(added);
    });

    it('3.4.1 match[id] and match[type] accept several values (OR within a field)', async () => {
      await setup();
      const [indId, malId, toolId] = [ind(V1).id, sdo('malware', 2, V1).id, sdo('tool', 3, V1).id];
      expect(await ids(q({ ids: [toolId, indId] }))).toEqual([indId, toolId]);
      expect(await ids(q({ types: ['tool', 'malware'] }))).toEqual([malId, toolId]);
      expect(await ids(q({ ids: ['indicator--nope'] }))).toEqual([]);
    });

    it('3.4.1 filters combine with AND across fields', async () => {
      await setup();
      const [indId, toolId] = [ind(V1).id, sdo('tool', 3, V1).id];
      expect(await ids(q({ ids: [indId, toolId], types: ['tool'] }))).toEqual([toolId]);
      expect(await ids(q({ types: ['malware', 'tool'], specVersions: ['2.0'] }))).toEqual([
        sdo('malware', 2, V1).id,
      ]);
      expect(await ids(q({ types: ['indicator'], specVersions: ['2.0'] }))).toEqual([]);
    });

    it('3.4.1 match[spec_version] accepts several values', async () => {
      await setup();
      expect((await ids(q({ specVersions: ['2.0', '2.1'] }))).length).toBe(3);
      expect((await ids(q({ specVersions: ['2.1'] }))).length).toBe(2);
    });

    it('3.4.1 match[version]=first, all, and exact timestamps', async () => {
      await setup();
      const only = { ids: [ind(V1).id] };
      const versionsOf = async (versions: VersionSelector) =>
        (await store().queryObjects(q({ ...only, versions }), SEE_ALL)).items.map((r) => r.version);
      expect(await versionsOf({ kind: 'first' })).toEqual([V1]);
      expect(await versionsOf({ kind: 'last' })).toEqual([V3]);
      // all: in date_added order (V2 was added before V1).
      expect(await versionsOf({ kind: 'all' })).toEqual([V2, V1, V3]);
      expect(await versionsOf({ kind: 'set', first: false, last: false, exact: [V2] })).toEqual([V2]);
      // An exact timestamp matches the same instant written with another precision.
      expect(
        await versionsOf({ kind: 'set', first: false, last: false, exact: ['2021-02-01T00:00:00Z'] }),
      ).toEqual([V2]);
      expect(await versionsOf({ kind: 'set', first: true, last: true, exact: [] })).toEqual([V1, V3]);
      expect(await versionsOf({ kind: 'set', first: true, last: false, exact: [V2, V3] })).toEqual([
        V2,
        V1,
        V3,
      ]);
    });

    it('3.4.1 last and first are decided over the versions this reader can see', async () => {
      await setup();
      const only = { ids: [ind(V1).id] };
      const hideV3 = hiding((r) => r.version === V3);
      const hideV1 = hiding((r) => r.version === V1);
      const versionsOf = async (versions: VersionSelector, view = SEE_ALL) =>
        (await store().queryObjects(q({ ...only, versions }), view)).items.map((r) => r.version);
      expect(await versionsOf({ kind: 'last' }, hideV3)).toEqual([V2]);
      expect(await versionsOf({ kind: 'first' }, hideV1)).toEqual([V2]);
      expect(await versionsOf({ kind: 'all' }, hideV1)).toEqual([V2, V3]);
      expect(
        await versionsOf(
          { kind: 'last' },
          hiding(() => true),
        ),
      ).toEqual([]);
    });

    it('3.4.1 of two versions with the same timestamp, the one stored first is first and last', async () => {
      // The store keeps what core hands it; core marks a non-owner's version contested, but a
      // backend must still order ties one way on every read path.
      await store().addCollection(collection('c'));
      await store().addVersions('c', [version(ind(V1), 'org-a')]);
      await store().addVersions('c', [version(ind(V1), 'org-b')]);
      const producersOf = async (versions: VersionSelector, view = SEE_ALL) =>
        (await store().queryObjects(q({ versions }), view)).items.map((r) => r.producerOrg);
      expect(await producersOf({ kind: 'first' })).toEqual(['org-a']);
      expect(await producersOf({ kind: 'last' })).toEqual(['org-a']);
      const hideA = hiding((r) => r.producerOrg === 'org-a');
      expect(await producersOf({ kind: 'first' }, hideA)).toEqual(['org-b']);
      expect(await producersOf({ kind: 'last' }, hideA)).toEqual(['org-b']);
    });

    it('hidden rows count nowhere: not in limit, not in more', async () => {
      await setup();
      const hideMalware = hiding((r) => r.type === 'malware');
      const page = await store().queryObjects(q({ limit: 2 }), hideMalware);
      expect(keys(page.items)).toEqual([`indicator#${V3}`, `tool#${V1}`]);
      expect(page.more).toBe(false);
      const hideTool = hiding((r) => r.type === 'tool');
      const first = await store().queryObjects(q({ limit: 2 }), hideTool);
      expect(first.items).toHaveLength(2);
      expect(first.more).toBe(false);
    });

    it('the view result is what the page holds (a reader-specific projection)', async () => {
      await setup();
      const page = await store().queryObjects(q(), (row) =>
        row.type === 'tool' ? undefined : { id: row.id, parsed: JSON.parse(row.json) as { type: string } },
      );
      expect(page.items.map((i) => i.parsed.type)).toEqual(['malware', 'indicator']);
    });

    it('3.4.1 added_after is exclusive', async () => {
      await setup();
      const all = (await store().queryObjects(q({ versions: { kind: 'all' } }), SEE_ALL)).items;
      const pivot = all[1]?.dateAdded ?? asMicros(0);
      const after = await store().queryObjects(q({ versions: { kind: 'all' }, addedAfter: pivot }), SEE_ALL);
      expect(after.items.map((r) => r.seq)).toEqual(all.slice(2).map((r) => r.seq));
      expect(
        (await store().queryObjects(q({ addedAfter: asMicros(END_OF_TIME - 1) }), SEE_ALL)).items,
      ).toEqual([]);
    });

    it('entries added after query.now are not returned', async () => {
      await setup();
      const all = (await store().queryObjects(q({ versions: { kind: 'all' } }), SEE_ALL)).items;
      const cut = all[2]?.dateAdded ?? asMicros(0);
      const page = await store().queryObjects(q({ versions: { kind: 'all' }, now: cut }), SEE_ALL);
      expect(page.items.map((r) => r.seq)).toEqual(all.slice(0, 3).map((r) => r.seq));
    });

    it('rejects a limit below 1 (STORE_INVALID_QUERY)', async () => {
      await setup();
      expect(await rejectionCode(store().queryObjects(q({ limit: 0 }), SEE_ALL))).toBe('STORE_INVALID_QUERY');
      expect(await rejectionCode(store().queryObjects(q({ limit: 1.5 }), SEE_ALL))).toBe(
        'STORE_INVALID_QUERY',
      );
    });

    it('accepts a thousand ids in one match[id] and refuses absurd filter lists (STORE_INVALID_QUERY)', async () => {
      await setup();
      const many = Array.from({ length: 1000 }, (_, i) => `indicator--${i}`).concat(ind(V1).id);
      expect(await ids(q({ ids: many }))).toEqual([ind(V1).id]);
      const absurd = Array.from({ length: 20_000 }, (_, i) => `indicator--${i}`);
      expect(await rejectionCode(store().queryObjects(q({ ids: absurd }), SEE_ALL))).toBe(
        'STORE_INVALID_QUERY',
      );
    });

    it('an unknown collection yields an empty page', async () => {
      await setup();
      expect(await store().queryObjects(q({ collectionId: 'missing' }), SEE_ALL)).toEqual({
        items: [],
        more: false,
      });
    });
  });
}
