/**
 * The backend-independent half of `queryObjects`: walks a collection's feed in order, asks the
 * caller's view about every candidate, applies version selection over *visible* versions
 * (TAXII 2.1 section 3.4.1, `match[version]`), fills a page, and decides `more` and `next`.
 * Backends supply the ordered rows (with their SQL-side filters applied) through a FeedSource.
 */
import type { CursorCodec } from './cursor.js';
import type { Micros, ObjectQuery, Page, StoredObject, VersionSelector, View } from './objects.js';
import { parseTimestampMicros } from './timestamp-micros.js';

/** A feed entry as a backend reads it: the row plus the version facts selection needs. */
export interface FeedRow extends StoredObject {
  /** No newer version of this id exists in the collection. */
  readonly isLatest: boolean;
  /** No older version of this id exists in the collection. */
  readonly isFirst: boolean;
}

/** A position in the feed: entries sort by (dateAdded, seq, kind) with `added` (0) before `released` (1). */
export interface FeedCursor {
  readonly dateAdded: Micros;
  readonly seq: number;
  readonly kind: 0 | 1;
}

/** Where the collector reads from. */
export interface FeedSource {
  /** Up to `max` entries strictly after `after`, in feed order, with dateAdded <= query.now. */
  read(after: FeedCursor, max: number): readonly FeedRow[];
  /** The currently visible entries (dateAdded <= now) of the newer or older versions of `row`'s id. */
  neighbours(row: FeedRow, direction: 'newer' | 'older'): Iterable<StoredObject>;
}

const FIRST_BATCH_MIN = 64;
const BATCH_MAX = 8192;

function anyVisible<T>(entries: Iterable<StoredObject>, view: View<T>): boolean {
  for (const entry of entries) if (view(entry) !== undefined) return true;
  return false;
}

/** Builds the predicate "is this visible row selected by the version selector?". */
function selectorFor<T>(
  selector: VersionSelector,
  source: FeedSource,
  view: View<T>,
): (row: FeedRow) => boolean {
  const isLast = (row: FeedRow) => row.isLatest || !anyVisible(source.neighbours(row, 'newer'), view);
  const isFirst = (row: FeedRow) => row.isFirst || !anyVisible(source.neighbours(row, 'older'), view);
  switch (selector.kind) {
    case 'all':
      return () => true;
    case 'last':
      return isLast;
    case 'first':
      return isFirst;
    case 'set': {
      const keys = new Set<number>();
      const strings = new Set(selector.exact);
      for (const v of selector.exact) {
        const key = parseTimestampMicros(v);
        if (key !== undefined) keys.add(key);
      }
      return (row) =>
        keys.has(parseTimestampMicros(row.version) ?? Number.NaN) ||
        strings.has(row.version) ||
        (selector.first && isFirst(row)) ||
        (selector.last && isLast(row));
    }
  }
}

/**
 * Sizes the follow-up read from the share of rows seen so far that were kept, so that a page
 * missing a few hidden rows reads a few more rows, not a doubled batch (rows cost I/O and a view).
 */
function nextBatchSize(needed: number, kept: number, seen: number): number {
  const keptShare = Math.max(kept / Math.max(seen, 1), 0.02);
  const estimate = Math.ceil((needed / keptShare) * 1.25) + 8;
  return Math.min(Math.max(estimate, FIRST_BATCH_MIN), BATCH_MAX);
}

function later(a: FeedCursor, b: FeedCursor): FeedCursor {
  if (a.dateAdded !== b.dateAdded) return a.dateAdded > b.dateAdded ? a : b;
  if (a.seq !== b.seq) return a.seq > b.seq ? a : b;
  return a.kind >= b.kind ? a : b;
}

function cursorOf(row: FeedRow): FeedCursor {
  return { dateAdded: row.dateAdded, seq: row.seq, kind: row.entry === 'added' ? 0 : 1 };
}

/** Where a query starts reading: after its cursor and after `added_after`. */
export function startPosition(query: ObjectQuery, start: FeedCursor | undefined): FeedCursor {
  // added_after is exclusive (TAXII 2.1 section 3.4.1): skip every entry at or before that instant.
  let position: FeedCursor = { dateAdded: -1, seq: 0, kind: 1 };
  if (query.addedAfter !== undefined) {
    position = later(position, { dateAdded: query.addedAfter, seq: Number.MAX_SAFE_INTEGER, kind: 1 });
  }
  return start === undefined ? position : later(position, start);
}

/** A page with the feed rows of its items (same order). */
export interface CollectedPage<T> extends Page<T> {
  readonly rows: readonly FeedRow[];
}

/** Runs one page of a query over `source`; `start` is the decoded cursor, if any. */
export function collectPage<T>(
  query: ObjectQuery,
  start: FeedCursor | undefined,
  source: FeedSource,
  view: View<T>,
  cursors: CursorCodec,
): Page<T> {
  const { rows: _, ...page } = collectPageRows(query, start, source, view, cursors);
  return page;
}

/** collectPage, also returning the rows of the items. */
export function collectPageRows<T>(
  query: ObjectQuery,
  start: FeedCursor | undefined,
  source: FeedSource,
  view: View<T>,
  cursors: CursorCodec,
): CollectedPage<T> {
  const selected = selectorFor(query.versions ?? { kind: 'last' }, source, view);
  let position = startPosition(query, start);

  const values: T[] = [];
  const rows: FeedRow[] = [];
  let following: FeedRow | undefined;
  let batch = Math.min(Math.max(query.limit + 1, FIRST_BATCH_MIN), BATCH_MAX);
  let seen = 0;
  scan: for (;;) {
    const chunk = source.read(position, batch);
    for (const row of chunk) {
      seen++;
      const value = view(row);
      if (value === undefined || !selected(row)) continue;
      if (values.length === query.limit) {
        following = row;
        break scan;
      }
      values.push(value);
      rows.push(row);
    }
    if (chunk.length < batch) break;
    position = cursorOf(chunk[chunk.length - 1] as FeedRow);
    batch = nextBatchSize(query.limit + 1 - values.length, values.length, seen);
  }
  if (following === undefined) return { items: values, rows, more: false };

  // Page boundary: a client paging by added_after = X-TAXII-Date-Added-Last must not skip
  // entries sharing the last timestamp, so end the page before a run of equal dateAdded values.
  let keep = rows.length;
  while (keep > 0 && (rows[keep - 1] as FeedRow).dateAdded === following.dateAdded) keep--;
  if (keep === 0) keep = rows.length;
  const last = rows[keep - 1] as FeedRow;
  return {
    items: keep === values.length ? values : values.slice(0, keep),
    rows: keep === rows.length ? rows : rows.slice(0, keep),
    more: true,
    next: cursors.encode({
      collectionId: query.collectionId,
      dateAdded: last.dateAdded,
      seq: last.seq,
      entry: last.entry,
    }),
  };
}
