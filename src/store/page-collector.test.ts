import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asMicros } from '../stix/index.js';
import { CursorCodec } from './cursor.js';
import type { StoredObject, VersionSelector } from './objects.js';
import {
  type AsyncFeedSource,
  collectPageRows,
  collectPageRowsAsync,
  type FeedCursor,
  type FeedRow,
  type FeedSource,
} from './page-collector.js';

const cursors = new CursorCodec(randomBytes(32));

/** A feed held in memory: versions of a few ids added in order, with the writers' flags. */
function feedOf(specs: readonly { id: number; day: number }[]): FeedRow[] {
  const rows: FeedRow[] = [];
  specs.forEach((s, i) => {
    const id = `indicator--00000000-0000-4000-8000-00000000000${s.id}`;
    const version = `2021-01-0${s.day}T00:00:00.000Z`;
    const same = rows.filter((r) => r.id === id);
    // Of equal versions the first stored is both first and latest (the writers' rule).
    const isLatest = same.every((r) => r.version < version);
    const isFirst = same.every((r) => r.version > version);
    rows.push({
      seq: i + 1,
      collectionId: 'c',
      id,
      type: 'indicator',
      version,
      specVersion: '2.1',
      dateAdded: asMicros(1000 + i),
      entry: 'added',
      producerOrg: 'org-a',
      origin: 'local',
      markingRefs: [],
      json: '{}',
      isLatest,
      isFirst,
    });
  });
  // Flags are the state after every write: recompute them over the whole feed.
  return rows.map((r) => {
    const same = rows.filter((o) => o.id === r.id && o.seq !== r.seq);
    const newer = same.some((o) => o.version > r.version || (o.version === r.version && o.seq < r.seq));
    const older = same.some((o) => o.version < r.version || (o.version === r.version && o.seq < r.seq));
    return { ...r, isLatest: !newer, isFirst: !older };
  });
}

/** A synchronous source over `rows` that counts what it is asked. */
function memorySource(rows: readonly FeedRow[], calls: { read: number; versions: number }): FeedSource {
  const after = (p: FeedCursor) => (r: FeedRow) =>
    r.dateAdded > p.dateAdded || (r.dateAdded === p.dateAdded && r.seq > p.seq);
  return {
    read(position, max) {
      calls.read++;
      return rows.filter(after(position)).slice(0, max);
    },
    versionsOf(ids) {
      calls.versions++;
      const map = new Map<string, StoredObject[]>();
      for (const r of rows) if (ids.includes(r.id)) map.set(r.id, [...(map.get(r.id) ?? []), r]);
      return map;
    },
  };
}

/** TAXII 2.1 section 3.4.1 read plainly: the visible versions the selector picks, in feed order. */
function oracle(
  rows: readonly FeedRow[],
  visible: (r: FeedRow) => boolean,
  selector: VersionSelector,
): FeedRow[] {
  const shown = rows.filter(visible);
  const beats = (o: FeedRow, r: FeedRow, older: boolean) =>
    o.seq !== r.seq &&
    o.id === r.id &&
    (o.version === r.version ? o.seq < r.seq : older ? o.version < r.version : o.version > r.version);
  const last = (r: FeedRow) => !shown.some((o) => beats(o, r, false));
  const first = (r: FeedRow) => !shown.some((o) => beats(o, r, true));
  const picked = (r: FeedRow): boolean => {
    if (selector.kind === 'all') return true;
    if (selector.kind === 'last') return last(r);
    if (selector.kind === 'first') return first(r);
    return selector.exact.includes(r.version) || (selector.first && first(r)) || (selector.last && last(r));
  };
  return shown.filter(picked);
}

function asAsync(source: FeedSource): AsyncFeedSource {
  return {
    read: async (after, max) => source.read(after, max),
    versionsOf: async (ids) => source.versionsOf(ids),
  };
}

const feedSpec = fc.array(
  fc.record({ id: fc.integer({ min: 1, max: 5 }), day: fc.integer({ min: 1, max: 4 }) }),
  {
    maxLength: 200,
  },
);
const selectorSpec: fc.Arbitrary<VersionSelector> = fc.constantFrom(
  { kind: 'last' } as const,
  { kind: 'first' } as const,
  { kind: 'all' } as const,
  { kind: 'set', first: true, last: true, exact: ['2021-01-02T00:00:00.000Z'] } as const,
);

describe('page collector', () => {
  it('3.4.1 a page holds the visible versions the selector picks, through either source', async () => {
    await fc.assert(
      fc.asyncProperty(
        feedSpec,
        selectorSpec,
        fc.integer({ min: 1, max: 20 }),
        fc.func(fc.boolean()),
        async (specs, versions, limit, hides) => {
          const rows = feedOf(specs);
          const hidden = new Set(rows.filter((r) => hides(r.seq)).map((r) => r.seq));
          const view = (r: StoredObject) => (hidden.has(r.seq) ? undefined : `${r.id}@${r.version}#${r.seq}`);
          const query = { collectionId: 'c', limit, now: asMicros(Number.MAX_SAFE_INTEGER), versions };
          const calls = { read: 0, versions: 0 };
          const sync = collectPageRows(query, undefined, memorySource(rows, calls), view, cursors);
          const async = await collectPageRowsAsync(
            query,
            undefined,
            asAsync(memorySource(rows, calls)),
            view,
            cursors,
          );
          const expected = oracle(rows, (r) => !hidden.has(r.seq), versions);
          expect(sync.items).toEqual(expected.slice(0, limit).map((r) => view(r)));
          expect(sync.more).toBe(expected.length > limit);
          expect(async.items).toEqual(sync.items);
          expect(async.more).toBe(sync.more);
          // One version lookup per chunk read at most: a page is a bounded number of queries.
          expect(calls.versions).toBeLessThanOrEqual(calls.read);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('3.4.1 last and first are decided over the visible versions, ties going to the first stored', () => {
    const rows = feedOf([
      { id: 1, day: 1 },
      { id: 1, day: 3 },
      { id: 1, day: 3 },
      { id: 1, day: 2 },
    ]);
    const calls = { read: 0, versions: 0 };
    const page = (versions: VersionSelector, hide: (r: StoredObject) => boolean) =>
      collectPageRows(
        { collectionId: 'c', limit: 10, now: asMicros(Number.MAX_SAFE_INTEGER), versions },
        undefined,
        memorySource(rows, calls),
        (r) => (hide(r) ? undefined : r.seq),
        cursors,
      ).items;
    expect(page({ kind: 'last' }, () => false)).toEqual([2]);
    expect(page({ kind: 'last' }, (r) => r.seq === 2)).toEqual([3]);
    expect(page({ kind: 'last' }, (r) => r.seq === 2 || r.seq === 3)).toEqual([4]);
    expect(page({ kind: 'first' }, () => false)).toEqual([1]);
    expect(page({ kind: 'first' }, (r) => r.seq === 1)).toEqual([4]);
  });
});
