/** Conformance: `released` feed entries of embargoed versions and the page-boundary rule (DESIGN.md, Visibility). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ObjectQuery, StoredObject } from '../store.js';
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

const V1 = '2021-01-01T00:00:00.000Z';

/** Release-entry tests. */
export function releaseEntriesSuite(makeStore: StoreFactory): void {
  describe('release entries', () => {
    const store = useStore(makeStore);
    const q = (extra: Partial<ObjectQuery> = {}): ObjectQuery => ({
      collectionId: 'c',
      limit: 100,
      now: END_OF_TIME,
      ...extra,
    });
    const label = (r: StoredObject) => `${r.id.slice(0, r.id.indexOf('--'))}:${r.entry}`;
    // The `added` entries of embargoed rows are what policy hides from non-co-signers.
    const outsider = (embargoed: ReadonlySet<number>) =>
      hiding((r) => r.entry === 'added' && embargoed.has(r.seq));
    const setup = async () => {
      await store().addCollection(collection('c'));
      const out = await store().addVersions('c', [
        version(sdo('indicator', 1, V1)),
        version(sdo('malware', 2, V1)),
        version(sdo('tool', 3, V1)),
        version(sdo('campaign', 4, V1)),
      ]);
      return out.map((o) => ({ seq: o.seq, dateAdded: o.dateAdded }));
    };

    it('a released entry appears at its release time, only once query.now reaches it', async () => {
      const [a, b] = await setup();
      const releaseAt = (a?.dateAdded ?? 0) + 3_600_000_000;
      await store().addReleaseEntry(b?.seq as number, releaseAt);
      const view = outsider(new Set([b?.seq as number]));
      const before = await store().queryObjects(q({ now: releaseAt - 1 }), view);
      expect(before.items.map(label)).toEqual(['indicator:added', 'tool:added', 'campaign:added']);
      const after = await store().queryObjects(q({ now: releaseAt }), view);
      expect(after.items.map(label)).toEqual([
        'indicator:added',
        'tool:added',
        'campaign:added',
        'malware:released',
      ]);
      expect(after.items[3]?.dateAdded).toBe(releaseAt);
      // A co-signer (sees everything) gets both entries of the version.
      const cosigner = await store().queryObjects(q({ versions: { kind: 'all' } }), SEE_ALL);
      expect(cosigner.items.map(label)).toContain('malware:added');
      expect(cosigner.items.map(label)).toContain('malware:released');
    });

    it('addReleaseEntry is idempotent and refuses an unknown version (STORE_UNKNOWN_VERSION)', async () => {
      const [, b] = await setup();
      const releaseAt = (b?.dateAdded ?? 0) + 1000;
      await store().addReleaseEntry(b?.seq as number, releaseAt);
      await store().addReleaseEntry(b?.seq as number, releaseAt);
      const released = (await store().queryObjects(q({ versions: { kind: 'all' } }), SEE_ALL)).items.filter(
        (r) => r.entry === 'released',
      );
      expect(released).toHaveLength(1);
      expect(await rejectionCode(store().addReleaseEntry(987_654_321, releaseAt))).toBe(
        'STORE_UNKNOWN_VERSION',
      );
    });

    it('getVersions lists added entries only', async () => {
      const [a] = await setup();
      await store().addReleaseEntry(a?.seq as number, (a?.dateAdded ?? 0) + 10);
      const versions = await store().getVersions('c', sdo('indicator', 1, V1).id);
      expect(versions.map((r) => r.entry)).toEqual(['added']);
    });

    it('3.4.1 a page never ends inside a run of equal date_added values (added_after paging skips nothing)', async () => {
      const rows = await setup();
      const [a, b, c] = rows;
      const releaseAt = (rows[3]?.dateAdded ?? 0) + 5_000_000;
      await store().addReleaseEntry(b?.seq as number, releaseAt);
      await store().addReleaseEntry(c?.seq as number, releaseAt);
      const view = outsider(new Set([b?.seq as number, c?.seq as number]));
      // Feed for this reader: indicator, campaign, malware:released@T, tool:released@T.
      const page = await store().queryObjects(q({ limit: 3 }), view);
      expect(page.items.map(label)).toEqual(['indicator:added', 'campaign:added']);
      expect(page.more).toBe(true);
      // A client paging by added_after = X-TAXII-Date-Added-Last gets both released entries.
      const last = page.items[page.items.length - 1]?.dateAdded as number;
      const next = await store().queryObjects(q({ limit: 3, addedAfter: last }), view);
      expect(next.items.map(label)).toEqual(['malware:released', 'tool:released']);
      // When the run alone fills the page, the page is not emptied.
      const tight = await store().queryObjects(q({ limit: 1, addedAfter: last }), view);
      expect(tight.items.map(label)).toEqual(['malware:released']);
      expect(tight.more).toBe(true);
      const walked = await pageAll(store(), q({ limit: 1 }), view);
      expect(walked.items.map(label)).toEqual([
        'indicator:added',
        'campaign:added',
        'malware:released',
        'tool:released',
      ]);
      expect(a?.seq).toBeDefined();
    });

    it('a released entry at its own date_added follows the added entry across a page break', async () => {
      const [a] = await setup();
      await store().addReleaseEntry(a?.seq as number, a?.dateAdded as number);
      const walked = await pageAll(store(), q({ limit: 1, versions: { kind: 'all' } }), SEE_ALL);
      expect(walked.items.map(label).slice(0, 2)).toEqual(['indicator:added', 'indicator:released']);
      expect(walked.items).toHaveLength(5);
    });

    it('3.4.1 paging walks added and released entries merged in feed order, each once, for any limit', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 12 }),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: -2, max: 2 })), { maxLength: 8 }),
          fc.integer({ min: 1, max: 5 }),
          async (count, releases, limit) => {
            const c = `m${run++}`;
            await store().addCollection(collection(c));
            const added = await store().addVersions(
              c,
              Array.from({ length: count }, (_, i) => version(sdo('indicator', i, V1))),
            );
            // Release instants on, just before and just after other entries' date_added.
            const expected = added.map((o) => `${o.dateAdded}/${o.seq}/0`);
            const released = new Set<number>();
            for (const [pick, offset] of releases) {
              const target = added[pick % count];
              const at = added[(pick >> 2) % count];
              if (!target || !at || released.has(target.seq)) continue;
              released.add(target.seq);
              const releaseAt = at.dateAdded + offset;
              await store().addReleaseEntry(target.seq, releaseAt);
              expected.push(`${releaseAt}/${target.seq}/1`);
            }
            const key = (k: string) => k.split('/').map(Number) as [number, number, number];
            expected.sort((x, y) => {
              const [a, b] = [key(x), key(y)];
              return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
            });
            const walked = await pageAll(
              store(),
              { collectionId: c, limit, now: END_OF_TIME, versions: { kind: 'all' } },
              SEE_ALL,
            );
            expect(walked.items.map((r) => `${r.dateAdded}/${r.seq}/${r.entry === 'added' ? 0 : 1}`)).toEqual(
              expected,
            );
          },
        ),
        { numRuns: 60 },
      );
    });

    it('version selection treats a version as visible through either of its entries', async () => {
      await setup();
      const newer = await store().addVersions('c', [
        version(sdo('indicator', 1, '2021-06-01T00:00:00.000Z')),
      ]);
      const seq = newer[0]?.seq as number;
      const releaseAt = (newer[0]?.dateAdded ?? 0) + 1_000_000;
      await store().addReleaseEntry(seq, releaseAt);
      const view = outsider(new Set([seq]));
      const only = { ids: [sdo('indicator', 1, V1).id] };
      // Before release the outsider's latest visible version is the old one.
      const before = await store().queryObjects(q({ ...only, now: releaseAt - 1 }), view);
      expect(before.items.map((r) => r.version)).toEqual([V1]);
      const after = await store().queryObjects(q({ ...only, now: releaseAt }), view);
      expect(after.items.map((r) => `${r.version}:${r.entry}`)).toEqual([
        '2021-06-01T00:00:00.000Z:released',
      ]);
    });
  });
}
