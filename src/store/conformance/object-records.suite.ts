/** Conformance: versions of one object, deletion, lookup by marking (TAXII 2.1 sections 5.6-5.8). */
import { describe, expect, it } from 'vitest';
import type { ObjectQuery } from '../objects.js';
import { collection, END_OF_TIME, SEE_ALL, sdo, version } from './fixtures.js';
import { type StoreFactory, useStore } from './harness.suite.js';

const [V1, V2, V3] = ['2021-01-01T00:00:00.000Z', '2021-02-01T00:00:00.000Z', '2021-03-01T00:00:00.000Z'];
const TLP_RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';

/** getVersions, deleteObject and findByMarking tests. */
export function objectRecordsSuite(makeStore: StoreFactory): void {
  describe('object versions, deletion and markings', () => {
    const store = useStore(makeStore);
    const id = sdo('indicator', 1, V1).id;
    const q = (extra: Partial<ObjectQuery> = {}): ObjectQuery => ({
      collectionId: 'c',
      ids: [id],
      limit: 100,
      now: END_OF_TIME,
      ...extra,
    });
    const setup = async () => {
      await store().addCollection(collection('c'));
      await store().addCollection(collection('d'));
      await store().addVersions('c', [version(sdo('indicator', 1, V3)), version(sdo('indicator', 1, V1))]);
      await store().addVersions('c', [version(sdo('indicator', 1, V2))]);
      await store().addVersions('d', [version(sdo('indicator', 1, V1))]);
    };

    it('5.8 getVersions lists every version of an id in the collection, oldest version first', async () => {
      await setup();
      const versions = await store().getVersions('c', id);
      expect(versions.map((r) => r.version)).toEqual([V1, V2, V3]);
      expect(versions.every((r) => r.collectionId === 'c' && r.entry === 'added')).toBe(true);
      expect(await store().getVersions('c', 'indicator--missing')).toEqual([]);
    });

    it('5.7 deleting given versions keeps the others and repairs last/first', async () => {
      await setup();
      expect(await store().deleteObject('c', id, [V3, '2021-01-01T00:00:00Z'])).toBe(2);
      expect((await store().getVersions('c', id)).map((r) => r.version)).toEqual([V2]);
      const last = await store().queryObjects(q(), SEE_ALL);
      expect(last.items.map((r) => r.version)).toEqual([V2]);
      const first = await store().queryObjects(q({ versions: { kind: 'first' } }), SEE_ALL);
      expect(first.items.map((r) => r.version)).toEqual([V2]);
      expect(await store().getVersions('d', id)).toHaveLength(1);
    });

    it('5.7 deleting every version removes the object; unknown versions delete nothing', async () => {
      await setup();
      expect(await store().deleteObject('c', id, ['2029-01-01T00:00:00Z'])).toBe(0);
      expect(await store().deleteObject('c', id)).toBe(3);
      expect(await store().getVersions('c', id)).toEqual([]);
      expect((await store().queryObjects(q(), SEE_ALL)).items).toEqual([]);
      expect(await store().deleteObject('c', id)).toBe(0);
    });

    it('a version added again after deletion gets a new, later date_added', async () => {
      await setup();
      const before = (await store().getVersions('c', id)).map((r) => r.dateAdded);
      await store().deleteObject('c', id);
      const [again] = await store().addVersions('c', [version(sdo('indicator', 1, V3))]);
      expect(again?.status).toBe('stored');
      expect(again?.dateAdded).toBeGreaterThan(Math.max(...before));
    });

    it('a row never says "no granular markings" for a version that has them (readers trust a false)', async () => {
      await store().addCollection(collection('c'));
      const granular = sdo('indicator', 7, V1, {
        description: 'd',
        granular_markings: [{ marking_ref: TLP_RED, selectors: ['description'] }],
      });
      const plain = sdo('indicator', 8, V1);
      await store().addVersions('c', [version(granular), version(plain)]);
      const rows = [
        ...(await store().queryObjects({ collectionId: 'c', limit: 10, now: END_OF_TIME }, SEE_ALL)).items,
        ...(await store().getVersions('c', granular.id)),
        ...(await store().findByMarking(TLP_RED)),
      ];
      for (const row of rows.filter((r) => r.id === granular.id)) expect(row.granular).not.toBe(false);
      for (const row of rows.filter((r) => r.id === plain.id)) expect(row.granular).not.toBe(true);
    });

    it('findByMarking returns added rows in any collection that reference the marking', async () => {
      await setup();
      const red = sdo('report', 7, V1, { object_marking_refs: [TLP_RED] });
      const granular = sdo('note', 8, V1, {
        granular_markings: [{ marking_ref: TLP_RED, selectors: ['content'] }],
      });
      await store().addVersions('c', [version(red)]);
      await store().addVersions('d', [version(granular)]);
      const rows = await store().findByMarking(TLP_RED);
      expect(rows.map((r) => `${r.collectionId}:${r.id}`).sort()).toEqual(
        [`c:${red.id}`, `d:${granular.id}`].sort(),
      );
      expect(rows.every((r) => r.entry === 'added' && r.markingRefs.includes(TLP_RED))).toBe(true);
      expect(await store().findByMarking('marking-definition--none')).toEqual([]);
      await store().deleteObject('d', granular.id);
      expect((await store().findByMarking(TLP_RED)).map((r) => r.id)).toEqual([red.id]);
    });
  });
}
