/**
 * The backend-independent half of `queryObjects`: walks a collection's feed in order, asks the
 * caller's view about every candidate, applies version selection over *visible* versions
 * (TAXII 2.1 section 3.4.1, `match[version]`), fills a page, and decides `more` and `next`.
 * Backends supply the ordered rows (with their SQL-side filters applied) through a FeedSource.
 */
import { asMicros, timestampMicros } from '../stix/index.js';
import type { CursorCodec } from './cursor.js';
import type { Micros, ObjectQuery, Page, StoredObject, VersionSelector, View } from './objects.js';

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

/**
 * Where the collector reads from, synchronously (an in-process backend). Both calls are bounded
 * per chunk, so a page costs a bounded number of reads whatever the rows hold.
 */
export interface FeedSource {
  /** Up to `max` entries strictly after `after`, in feed order, with dateAdded <= query.now. */
  read(after: FeedCursor, max: number): readonly FeedRow[];
  /**
   * Every entry of every version of each id (in the query's collection) visible at query.now:
   * added entries, and released entries once released. One lookup for all ids of a chunk.
   */
  versionsOf(ids: readonly string[]): ReadonlyMap<string, readonly StoredObject[]>;
}

/** The same source for a backend behind a network connection. */
export interface AsyncFeedSource {
  read(after: FeedCursor, max: number): Promise<readonly FeedRow[]>;
  versionsOf(ids: readonly string[]): Promise<ReadonlyMap<string, readonly StoredObject[]>>;
}

const FIRST_BATCH_MIN = 64;
const BATCH_MAX = 8192;
const NO_ENTRIES: readonly StoredObject[] = [];

const keyOf = (entry: StoredObject): number => timestampMicros(entry.version) ?? Number.NaN;

/**
 * Is `other` newer (or, with `older`, older) than `row` among the id's versions? Of two versions
 * with the same key, the one stored first is both first and latest (as the writers' flags say).
 */
function beyond(row: FeedRow, rowKey: number, other: StoredObject, older: boolean): boolean {
  const key = keyOf(other);
  if (key === rowKey) return other.seq < row.seq;
  return older ? key < rowKey : key > rowKey;
}

/** What a version selector asks of a row and its id's other versions. */
interface Selection {
  /** Does the row's answer depend on the other versions of its id? */
  needsVersions(row: FeedRow): boolean;
  /** Is this visible row selected, given the entries of its id's versions? */
  selected(row: FeedRow, versions: readonly StoredObject[]): boolean;
}

function selectionFor<T>(selector: VersionSelector, view: View<T>): Selection {
  const noneVisible = (row: FeedRow, versions: readonly StoredObject[], older: boolean) => {
    const rowKey = keyOf(row);
    for (const other of versions) {
      if (other.seq !== row.seq && beyond(row, rowKey, other, older) && view(other) !== undefined)
        return false;
    }
    return true;
  };
  const isLast = (row: FeedRow, versions: readonly StoredObject[]) =>
    row.isLatest || noneVisible(row, versions, false);
  const isFirst = (row: FeedRow, versions: readonly StoredObject[]) =>
    row.isFirst || noneVisible(row, versions, true);
  switch (selector.kind) {
    case 'all':
      return { needsVersions: () => false, selected: () => true };
    case 'last':
      return { needsVersions: (row) => !row.isLatest, selected: isLast };
    case 'first':
      return { needsVersions: (row) => !row.isFirst, selected: isFirst };
    case 'set': {
      const keys = new Set<number>();
      const strings = new Set(selector.exact);
      for (const v of selector.exact) {
        const key = timestampMicros(v);
        if (key !== undefined) keys.add(key);
      }
      return {
        needsVersions: (row) => (selector.first && !row.isFirst) || (selector.last && !row.isLatest),
        selected: (row, versions) =>
          keys.has(keyOf(row)) ||
          strings.has(row.version) ||
          (selector.first && isFirst(row, versions)) ||
          (selector.last && isLast(row, versions)),
      };
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
  let position: FeedCursor = { dateAdded: asMicros(-1), seq: 0, kind: 1 };
  if (query.addedAfter !== undefined) {
    position = later(position, { dateAdded: query.addedAfter, seq: Number.MAX_SAFE_INTEGER, kind: 1 });
  }
  return start === undefined ? position : later(position, start);
}

/** A page with the feed rows of its items (same order). */
export interface CollectedPage<T> extends Page<T> {
  readonly rows: readonly FeedRow[];
}

/** What the collector asks of its source next. */
type Request =
  | { readonly kind: 'read'; readonly after: FeedCursor; readonly max: number }
  | { readonly kind: 'versions'; readonly ids: readonly string[] };

/**
 * One page of a query as a sequence of requests to a source: the algorithm is written once and
 * driven synchronously (collectPageRows) or asynchronously (collectPageRowsAsync).
 */
function* pageSteps<T>(
  query: ObjectQuery,
  start: FeedCursor | undefined,
  view: View<T>,
  cursors: CursorCodec,
): Generator<Request, CollectedPage<T>, unknown> {
  const selection = selectionFor(query.versions ?? { kind: 'last' }, view);
  let position = startPosition(query, start);

  const values: T[] = [];
  const rows: FeedRow[] = [];
  let following: FeedRow | undefined;
  let batch = Math.min(Math.max(query.limit + 1, FIRST_BATCH_MIN), BATCH_MAX);
  let seen = 0;
  scan: for (;;) {
    const chunk = (yield { kind: 'read', after: position, max: batch }) as readonly FeedRow[];
    // The other versions of the chunk's ids that selection needs, in one lookup.
    const ids = new Set<string>();
    for (const row of chunk) if (selection.needsVersions(row)) ids.add(row.id);
    const versions =
      ids.size === 0
        ? undefined
        : ((yield { kind: 'versions', ids: [...ids] }) as ReadonlyMap<string, readonly StoredObject[]>);
    for (const row of chunk) {
      seen++;
      const value = view(row);
      if (value === undefined || !selection.selected(row, versions?.get(row.id) ?? NO_ENTRIES)) continue;
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
  const steps = pageSteps(query, start, view, cursors);
  let step = steps.next();
  while (!step.done) {
    const request = step.value;
    step = steps.next(
      request.kind === 'read' ? source.read(request.after, request.max) : source.versionsOf(request.ids),
    );
  }
  return step.value;
}

/** collectPageRows over a source behind a connection: one round trip per request. */
export async function collectPageRowsAsync<T>(
  query: ObjectQuery,
  start: FeedCursor | undefined,
  source: AsyncFeedSource,
  view: View<T>,
  cursors: CursorCodec,
): Promise<CollectedPage<T>> {
  const steps = pageSteps(query, start, view, cursors);
  let step = steps.next();
  while (!step.done) {
    const request = step.value;
    step = steps.next(
      request.kind === 'read'
        ? await source.read(request.after, request.max)
        : await source.versionsOf(request.ids),
    );
  }
  return step.value;
}
