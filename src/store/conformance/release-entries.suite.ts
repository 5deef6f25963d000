/** Conformance: `released` feed entries of embargoed versions and the page-boundary rule (DESIGN.md, Visibility). */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asMicros, type Micros } from '../../stix/index.js';
import type { ObjectQuery, StoredObject } from '../objects.js';
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
      const releaseAt = asMicros((a?.dateAdded ?? 0) + 3_600_000_000);
      await store().addReleaseEntry(b?.seq as number, releaseAt);
      const view = outsider(new Set([b?.seq as number]));
      const before = await store().queryObjects(q({ now: asMicros(releaseAt - 1) }), view);
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
      const releaseAt = asMicros((b?.dateAdded ?? 0) + 1000);
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
      await store().addReleaseEntry(a?.seq as number, asMicros((a?.dateAdded ?? 0) + 10));
      const versions = await store().getVersions('c', sdo('indicator', 1, V1).id);
      expect(versions.map((r) => r.entry)).toEqual(['added']);
    });

    it('3.4.1 versions released by one embargo get distinct date_added, so an added_after poller with limit=1 misses none', async () => {
      const rows = await setup();
      const [a, b, c] = rows;
      const releaseAt = asMicros((rows[3]?.dateAdded ?? 0) + 5_000_000);
      await store().addReleaseEntry(b?.seq as number, releaseAt);
      await store().addReleaseEntry(c?.seq as number, releaseAt);
      const view = outsider(new Set([b?.seq as number, c?.seq as number]));
      const all = await store().queryObjects(q(), view);
      expect(all.items.map(label)).toEqual([
        'indicator:added',
        'campaign:added',
        'malware:released',
        'tool:released',
      ]);
      // Never before the release time; no two entries on one instant.
      expect(all.items.slice(2).map((r) => r.dateAdded)).toEqual([releaseAt, releaseAt + 1]);
      // A client paging one entry at a time by added_after = X-TAXII-Date-Added-Last gets each.
      const seen: string[] = [];
      let after: Micros | undefined;
      for (let i = 0; i < 6; i++) {
        const page = await store().queryObjects(
          q({ limit: 1, ...(after === undefined ? {} : { addedAfter: after }) }),
          view,
        );
        if (page.items.length === 0) break;
        seen.push(label(page.items[0] as StoredObject));
        after = page.items[0]?.dateAdded;
      }
      expect(seen).toEqual(all.items.map(label));
      expect(a?.seq).toBeDefined();
    });

    it('a release time the feed already passed gives an entry after every added entry', async () => {
      const rows = await setup();
      const [a] = rows;
      await store().addReleaseEntry(a?.seq as number, asMicros(a?.dateAdded ?? 0));
      const walked = await pageAll(store(), q({ limit: 1, versions: { kind: 'all' } }), SEE_ALL);
      expect(walked.items.map(label)).toEqual([
        'indicator:added',
        'malware:added',
        'tool:added',
        'campaign:added',
        'indicator:released',
      ]);
      expect(walked.items[4]?.dateAdded).toBe((rows[3]?.dateAdded ?? 0) + 1);
    });

    it('3.4.1 paging walks added and released entries in feed order, each once, on distinct instants, for any limit', async () => {
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
            const last = Math.max(...added.map((o) => o.dateAdded));
            // Release instants on, just before and just after other entries' date_added.
            const requested = new Map<number, number>();
            for (const [pick, offset] of releases) {
              const target = added[pick % count];
              const at = added[(pick >> 2) % count];
              if (!target || !at || requested.has(target.seq)) continue;
              requested.set(target.seq, at.dateAdded + offset);
              await store().addReleaseEntry(target.seq, asMicros(at.dateAdded + offset));
            }
            const walked = await pageAll(
              store(),
              { collectionId: c, limit, now: END_OF_TIME, versions: { kind: 'all' } },
              SEE_ALL,
            );
            const entries = walked.items.map((r) => ({ d: r.dateAdded, seq: r.seq, entry: r.entry }));
            // Every added entry and one released entry per released version, nothing twice.
            expect(
              entries
                .filter((e) => e.entry === 'added')
                .map((e) => e.seq)
                .sort(),
            ).toEqual(added.map((o) => o.seq).sort());
            expect(
              entries
                .filter((e) => e.entry === 'released')
                .map((e) => e.seq)
                .sort(),
            ).toEqual([...requested.keys()].sort());
            // Strictly increasing date_added: feed order, and no two entries on one instant.
            for (let i = 1; i < entries.length; i++) expect(entries[i]!.d).toBeGreaterThan(entries[i - 1]!.d);
            // A released entry is never before its release time, nor before entries already added.
            for (const e of entries.filter((x) => x.entry === 'released')) {
              const wanted = requested.get(e.seq) as number;
              expect(e.d).toBeGreaterThanOrEqual(wanted);
              if (wanted <= last) expect(e.d).toBeGreaterThan(last);
            }
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
      const releaseAt = asMicros((newer[0]?.dateAdded ?? 0) + 1_000_000);
      await store().addReleaseEntry(seq, releaseAt);
      const view = outsider(new Set([seq]));
      const only = { ids: [sdo('indicator', 1, V1).id] };
      // Before release the outsider's latest visible version is the old one.
      const before = await store().queryObjects(q({ ...only, now: asMicros(releaseAt - 1) }), view);
      expect(before.items.map((r) => r.version)).toEqual([V1]);
      const after = await store().queryObjects(q({ ...only, now: releaseAt }), view);
      expect(after.items.map((r) => `${r.version}:${r.entry}`)).toEqual([
        '2021-06-01T00:00:00.000Z:released',
      ]);
    });
  });
}
