/** Conformance: status records that name their successes by seq (TAXII 2.1 section 4.3.1). */
import { describe, expect, it } from 'vitest';
import type { StatusRecord } from '../statuses.js';
import { collection, sdo, version } from './fixtures.js';
import { type StoreFactory, useStore } from './harness.suite.js';

const V = (day: number) => `2021-07-${String(day).padStart(2, '0')}T00:00:00.000Z`;

/** putStatus / getStatus with successSeqs. */
export function statusRecordsSuite(makeStore: StoreFactory): void {
  describe('status records by reference', () => {
    const store = useStore(makeStore);

    it('4.3.1 successes given with their seqs come back as they were, also once the versions are deleted', async () => {
      await store().addCollection(collection('c'));
      const objects = [sdo('indicator', 1, V(1)), sdo('indicator', 2, V(2)), sdo('indicator', 1, V(3))];
      const outcomes = await store().addVersions(
        'c',
        objects.map((o) => version(o)),
      );
      // A duplicate names the stored version too.
      const [dup] = await store().addVersions('c', [version(objects[1]!)]);
      const named = [...outcomes, dup!];
      const status: StatusRecord = {
        id: '6f0c8ab1-2a77-4c8e-9d55-0c1f5c3b7a10',
        collectionId: 'c',
        status: 'complete',
        requestTimestamp: '2021-07-19T10:00:00.000000Z',
        totalCount: 5,
        successes: named.map((o, i) => ({ id: String((objects[i] ?? objects[1])!.id), version: o.version })),
        failures: [{ id: 'indicator--x', version: V(9), message: 'bad pattern' }],
        pendings: [],
        ownerOrg: 'uk-ncsc',
        successSeqs: named.map((o) => o.seq),
      };
      await store().putStatus(status);
      const { successSeqs: _, ...expected } = status;
      expect(await store().getStatus(status.id)).toEqual(expected);
      await store().deleteObject('c', String(objects[0]!.id));
      await store().addVersions('c', [version(sdo('indicator', 7, V(7)))]);
      expect(await store().getStatus(status.id)).toEqual(expected);
    });

    it('seqs that do not match the successes are ignored: the successes are kept as given', async () => {
      const status: StatusRecord = {
        id: '0e3c1f7a-5b2d-4c9e-8f61-2d4a7b9c0e11',
        collectionId: 'c',
        status: 'complete',
        requestTimestamp: '2021-07-19T10:00:00.000000Z',
        totalCount: 1,
        successes: [{ id: 'indicator--1', version: V(1) }],
        failures: [],
        pendings: [],
        ownerOrg: 'uk-ncsc',
        successSeqs: [],
      };
      await store().putStatus(status);
      const { successSeqs: _, ...expected } = status;
      expect(await store().getStatus(status.id)).toEqual(expected);
    });
  });
}
