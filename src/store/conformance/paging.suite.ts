/** Conformance: limit, more, next and opaque cursors (TAXII 2.1 sections 3.4, 3.4.1). */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asMicros } from '../../stix/index.js';
import type { Cursor, ObjectQuery } from '../objects.js';
import {
  collection,
  END_OF_TIME,
  hiding,
  pageAll,
  rejectionCode,
  SEE_ALL,
  sdo,
  version,
} from './fixtures.js';
import { type StoreFactory, useStore } from './harness.suite.js';

/** Paging and cursor tests. */
export function pagingSuite(makeStore: StoreFactory): void {
  describe('queryObjects paging', () => {
    const store = useStore(makeStore);
    const q = (extra: Partial<ObjectQuery> = {}): ObjectQuery => ({
      collectionId: 'c',
      limit: 100,
      now: END_OF_TIME,
      ...extra,
    });
    const fill = async (count: number, batch = 7) => {
      await store().addCollection(collection('c'));
      await store().addCollection(collection('other'));
      for (let i = 0; i < count; i += batch) {
        const n = Math.min(batch, count - i);
        await store().addVersions(
          'c',
          Array.from({ length: n }, (_, k) =>
            version(sdo(k % 2 ? 'malware' : 'indicator', i + k, '2021-01-01T00:00:00Z')),
          ),
        );
      }
    };

    // More objects after the first fill, so that types interleave in the feed.
    const fill2 = async (count: number) => {
      for (let i = 0; i < count; i++) {
        await store().addVersions('c', [
          version(sdo(i % 3 ? 'malware' : 'tool', 1000 + i, '2021-01-01T00:00:00Z')),
        ]);
      }
    };

    it('3.4 limit, more and next walk the whole feed exactly once, for any limit and view', async () => {
      await fill(40);
      const everything = (await store().queryObjects(q(), SEE_ALL)).items.map((r) => r.seq);
      expect(everything).toHaveLength(40);
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 45 }),
          fc.integer({ min: 0, max: 4 }),
          async (limit, mod) => {
            const hidden = (seq: number) => mod > 0 && seq % (mod + 1) === 0;
            const view = hiding((r) => hidden(r.seq));
            const { items, pages } = await pageAll(store(), q({ limit }), view);
            const expected = everything.filter((s) => !hidden(s));
            expect(items.map((r) => r.seq)).toEqual(expected);
            expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
          },
        ),
        { numRuns: 30 },
      );
    });

    it('3.4.1 paging with one or several match[type] values keeps feed order, each item once', async () => {
      await fill(30, 4);
      await store().addVersions('c', [version(sdo('tool', 500, '2021-01-01T00:00:00Z'))]);
      await fill2(10);
      const everything = (await store().queryObjects(q(), SEE_ALL)).items;
      for (const types of [
        ['malware'],
        ['malware', 'tool'],
        ['tool', 'indicator', 'malware'],
        ['x', 'tool'],
      ]) {
        for (const limit of [1, 3, 7, 100]) {
          const { items } = await pageAll(store(), q({ limit, types }), SEE_ALL);
          const expected = everything.filter((r) => types.includes(r.type)).map((r) => r.seq);
          expect(items.map((r) => r.seq)).toEqual(expected);
        }
      }
    });

    it('3.4 more is true exactly when a further visible item exists; next is absent on the last page', async () => {
      await fill(6);
      const full = await store().queryObjects(q({ limit: 6 }), SEE_ALL);
      expect(full.more).toBe(false);
      expect(full.next).toBeUndefined();
      const partial = await store().queryObjects(q({ limit: 5 }), SEE_ALL);
      expect(partial.more).toBe(true);
      expect(typeof partial.next).toBe('string');
      const lastHidden = hiding((r) => r.seq === full.items[5]?.seq);
      expect((await store().queryObjects(q({ limit: 5 }), lastHidden)).more).toBe(false);
    });

    it('3.4 a cursor keeps its place while new objects arrive', async () => {
      await fill(10);
      const first = await store().queryObjects(q({ limit: 4 }), SEE_ALL);
      await store().addVersions('c', [version(sdo('tool', 100, '2021-01-01T00:00:00Z'))]);
      const rest = await pageAll(store(), q({ limit: 4, cursor: first.next as Cursor }), SEE_ALL);
      const seen = [...first.items, ...rest.items].map((r) => r.id);
      expect(new Set(seen).size).toBe(11);
      expect(seen[10]).toBe(sdo('tool', 100, 'x').id);
    });

    it('3.4 a malformed or altered cursor is rejected with STORE_BAD_CURSOR, never a crash', async () => {
      await fill(5);
      const { next } = await store().queryObjects(q({ limit: 2 }), SEE_ALL);
      const good = next as string;
      const flipped = good.slice(0, 5) + (good[5] === 'A' ? 'B' : 'A') + good.slice(6);
      for (const bad of [
        '',
        'not a cursor',
        '%%%',
        flipped,
        good.slice(0, -2),
        `${good}AA`,
        'x'.repeat(5000),
      ]) {
        expect(await rejectionCode(store().queryObjects(q({ cursor: bad as Cursor }), SEE_ALL))).toBe(
          'STORE_BAD_CURSOR',
        );
      }
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 80 }), async (text) => {
          const code = await rejectionCode(store().queryObjects(q({ cursor: text as Cursor }), SEE_ALL));
          expect(code).toBe('STORE_BAD_CURSOR');
        }),
        { numRuns: 100 },
      );
    });

    it('3.4 a cursor of another collection is rejected (STORE_CURSOR_MISMATCH)', async () => {
      await fill(5);
      const { next } = await store().queryObjects(q({ limit: 2 }), SEE_ALL);
      const code = await rejectionCode(
        store().queryObjects(q({ collectionId: 'other', cursor: next as Cursor }), SEE_ALL),
      );
      expect(code).toBe('STORE_CURSOR_MISMATCH');
    });

    it('3.4.1 added_after and a cursor together: the later position wins', async () => {
      await fill(10);
      const all = (await store().queryObjects(q(), SEE_ALL)).items;
      const page = await store().queryObjects(q({ limit: 2 }), SEE_ALL);
      const later = await store().queryObjects(
        q({ cursor: page.next as Cursor, addedAfter: all[5]?.dateAdded ?? asMicros(0) }),
        SEE_ALL,
      );
      expect(later.items.map((r) => r.seq)).toEqual(all.slice(6).map((r) => r.seq));
      const earlier = await store().queryObjects(
        q({ cursor: page.next as Cursor, addedAfter: asMicros(0) }),
        SEE_ALL,
      );
      expect(earlier.items.map((r) => r.seq)).toEqual(all.slice(2).map((r) => r.seq));
    });
  });
}
