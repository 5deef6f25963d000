/**
 * Conformance: version chains per producer, contested versions, owners, and reads that skip a
 * reader's hidden marking combinations (DESIGN.md, Trust; STIX 2.1 section 3.6).
 */
import { describe, expect, it } from 'vitest';
import type { MarkingFacts, RowClass, StoredObject, View } from '../objects.js';
import { collection, END_OF_TIME, pageAll, SEE_ALL, sdo, version } from './fixtures.js';
import { type StoreFactory, useStore } from './harness.suite.js';

const V1 = '2021-01-01T00:00:00.000Z';
const V2 = '2021-02-01T00:00:00.000Z';
const SECRET = 'marking-definition--00000000-0000-4000-8000-00000000beef';

/** Ownership and hidden-row tests. */
export function ownershipSuite(makeStore: StoreFactory): void {
  describe('version chains and owners', () => {
    const store = useStore(makeStore);
    const q = { collectionId: 'c', limit: 100, now: END_OF_TIME } as const;

    it('3.6 the same id and version from two producers are two versions; duplicates are found within a chain', async () => {
      await store().addCollection(collection('c'));
      const object = sdo('indicator', 1, V1, { name: 'by a' });
      const [a] = await store().addVersions('c', [version(object, 'org-a')]);
      const [b] = await store().addVersions('c', [
        { ...version({ ...object, name: 'by b' }, 'org-b'), contested: true },
      ]);
      expect(a?.status).toBe('stored');
      expect(b?.status).toBe('stored');
      // Again from b: a duplicate of b's own version, never of a's.
      const [again] = await store().addVersions('c', [
        { ...version({ ...object, name: 'by b' }, 'org-b'), contested: true },
      ]);
      expect(again).toMatchObject({ status: 'duplicate', seq: b?.seq, sameContent: true });
      const [other] = await store().addVersions('c', [
        { ...version({ ...object, name: 'by b, changed' }, 'org-b'), contested: true },
      ]);
      expect(other).toMatchObject({ status: 'duplicate', seq: b?.seq, sameContent: false });
      const versions = await store().getVersions('c', object.id);
      expect(versions.map((r) => [r.producerOrg, r.contested === true])).toEqual([
        ['org-a', false],
        ['org-b', true],
      ]);
    });

    it('3.4.1 contested versions move no latest/first flag: the owner latest stays its latest', async () => {
      await store().addCollection(collection('c'));
      await store().addVersions('c', [version(sdo('indicator', 1, V1), 'org-a')]);
      await store().addVersions('c', [{ ...version(sdo('indicator', 1, V2), 'org-b'), contested: true }]);
      const notB: View<StoredObject> = (row) => (row.contested === true ? undefined : row);
      const page = await store().queryObjects({ ...q, versions: { kind: 'last' } }, notB);
      expect(page.items.map((r) => [r.version, r.producerOrg])).toEqual([[V1, 'org-a']]);
      const all = await store().queryObjects({ ...q, versions: { kind: 'all' } }, SEE_ALL);
      expect(all.items.map((r) => r.contested === true)).toEqual([false, true]);
    });

    it('getOwners names the producer of the uncontested versions of each id, in one call', async () => {
      await store().addCollection(collection('c'));
      await store().addVersions('c', [
        version(sdo('indicator', 1, V1), 'org-a'),
        version(sdo('indicator', 2, V1), 'org-b'),
      ]);
      await store().addVersions('c', [{ ...version(sdo('indicator', 1, V2), 'org-c'), contested: true }]);
      await store().addVersions('c', [{ ...version(sdo('indicator', 3, V1), 'org-c'), contested: true }]);
      const owners = await store().getOwners('c', [
        sdo('indicator', 1, V1).id,
        sdo('indicator', 2, V1).id,
        sdo('indicator', 3, V1).id,
        sdo('indicator', 4, V1).id,
      ]);
      expect([...owners.entries()].sort()).toEqual([
        [sdo('indicator', 1, V1).id, 'org-a'],
        [sdo('indicator', 2, V1).id, 'org-b'],
      ]);
    });
  });

  describe('reads skip hidden marking combinations', () => {
    const store = useStore(makeStore);

    it('a limit=1 page for a reader who sees one version among thousands reads about one row', async () => {
      await store().addCollection(collection('c'));
      const hidden = Array.from({ length: 3000 }, (_, i) =>
        version(sdo('indicator', 100 + i, V1, { object_marking_refs: [SECRET] }), 'org-a'),
      );
      await store().addVersions('c', hidden);
      await store().addVersions('c', [version(sdo('indicator', 1, V1), 'org-a')]);
      let calls = 0;
      const view: View<StoredObject> = (row) => {
        calls++;
        return row.markingRefs.includes(SECRET) ? undefined : row;
      };
      const classOf = (facts: MarkingFacts): RowClass => ({
        kind: facts.markingRefs.includes(SECRET) ? 'hiddenUnlessGranular' : 'shown',
        audited: false,
      });
      const page = await store().queryObjects(
        { collectionId: 'c', limit: 1, now: END_OF_TIME },
        view,
        classOf,
      );
      expect(page.items.map((r) => r.id)).toEqual([sdo('indicator', 1, V1).id]);
      expect(page.more).toBe(false);
      expect(calls).toBeLessThan(10);
      // The same answers as a read that asks the view about every row.
      const slow = await pageAll(store(), { collectionId: 'c', limit: 1, now: END_OF_TIME }, view);
      expect(slow.items.map((r) => r.id)).toEqual(page.items.map((r) => r.id));
    });

    it('rows of a hidden combination that carry granular markings still reach the view', async () => {
      await store().addCollection(collection('c'));
      const granular = sdo('indicator', 2, V1, {
        object_marking_refs: [SECRET],
        granular_markings: [{ lang: 'en', selectors: ['type'] }],
      });
      await store().addVersions('c', [version(granular, 'org-a')]);
      const seen: string[] = [];
      const page = await store().queryObjects(
        { collectionId: 'c', limit: 5, now: END_OF_TIME },
        (row) => {
          seen.push(row.id);
          return row;
        },
        () => ({ kind: 'hiddenUnlessGranular', audited: false }),
      );
      expect(seen).toEqual([granular.id]);
      expect(page.items).toHaveLength(1);
    });
  });
}
