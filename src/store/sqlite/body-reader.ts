/**
 * The objects endpoint's read in bulk (Store.queryObjectsBody), for a reader who sees every
 * marking combination stored in the node exactly as stored and unaudited (unmarked or
 * TLP:CLEAR/GREEN-only nodes, the producer's own objects): SQLite joins the texts of a page into
 * one BLOB, so the rows never reach JavaScript one by one (a read costs mostly per value handed
 * over, and joining and encoding a thousand strings in JavaScript costs as much again).
 * Rows that version selection needs to weigh (a version with a newer or older one) come back
 * inside the BLOB as records between NUL bytes (stored JSON text never contains one: JSON
 * escapes control characters) and go through the view and the selector as in queryObjects.
 *
 * Anything else goes row by row: a reader with restricted combinations (classifying each row in
 * SQL cost more than the row-by-row read itself), a set of versions, several types, and pages
 * that meet released entries or end in a run of equal date_added values.
 */
import type Database from 'better-sqlite3';
import { bodyOfCollected } from '../body-page.js';
import { encodeCursor } from '../cursor.js';
import {
  type CollectedPage,
  cursorOf,
  type FeedCursor,
  type FeedRow,
  type FeedSource,
  later,
  selectorFor,
  startPosition,
} from '../page-collector.js';
import type { BodyPage, BodyView, Micros, ObjectQuery } from '../store.js';
import { ENTRY_TEXT, FIRST, LATEST, PACKED, type RawRow, toFeedRow } from './row-mapping.js';
import type { RowMetaDictionary } from './row-meta.js';

const MAX_CACHED_SHAPES = 32;
/** Rows read at most per follow-up when looking for the item after a full page. */
const PEEK_MAX = 256;

type SelectorKind = 'last' | 'first' | 'all';

function inList(column: string, count: number): string {
  return count === 0 ? '' : ` AND ${column} IN (${new Array(count).fill('?').join(', ')})`;
}

function bodySql(ids: number, types: number, specs: number, selector: SelectorKind): string {
  const filters = inList('v.stix_id', ids) + inList('v.type', types) + inList('v.spec_version', specs);
  const index =
    ids > 0
      ? 'INDEXED BY versions_by_id'
      : types === 1
        ? 'INDEXED BY versions_type_feed'
        : 'INDEXED BY versions_feed';
  // A version is selected without asking when no newer (older) version of its id exists at all.
  const selected =
    selector === 'last'
      ? `(v.flags & ${LATEST}) <> 0`
      : selector === 'first'
        ? `(v.flags & ${FIRST}) <> 0`
        : '1';
  const record = `char(0) || v.seq || ' ' || v.date_added || ' ' || (${PACKED}) || ' ' || ${ENTRY_TEXT} || char(0)`;
  // The texts are chosen in the subquery (run once per row, in feed order) and joined outside it.
  // Selected rows are `added` entries of one collection: their date_added and seq both grow with
  // insertion (date_added strictly, per collection; seq as SQLite's rowid), so the last one has
  // both the largest date_added and the largest seq.
  return (
    "SELECT CAST(group_concat(piece, ',') AS BLOB), count(*), sum(p)," +
    ' min(CASE WHEN p THEN d END), max(CASE WHEN p THEN d END), max(CASE WHEN p THEN s END)' +
    ` FROM (SELECT v.date_added AS d, v.seq AS s, ${selected} AS p,` +
    ` CASE WHEN ${selected} THEN v.json ELSE ${record} END AS piece` +
    ` FROM versions AS v ${index}` +
    ` WHERE v.collection = ? AND (v.date_added, v.seq) > (?, ?) AND v.date_added <= ?${filters}` +
    ' ORDER BY v.date_added, v.seq LIMIT ?)'
  );
}

type ChunkRow = [
  blob: Buffer | null,
  rows: number,
  selected: number | null,
  firstSelected: Micros | null,
  lastSelected: Micros | null,
  lastSelectedSeq: number | null,
];

/** What one chunk of rows gave. */
interface Chunk<T> {
  readonly rows: number;
  readonly parts: Buffer[];
  readonly items: number;
  /** Values the view returned, in order. */
  readonly viewed: T[];
  /** The last row read (to continue after), the first item's dateAdded, the last item. */
  readonly end?: FeedCursor;
  readonly firstDate?: Micros;
  readonly last?: FeedCursor;
}

function laterOf(a: FeedCursor | undefined, b: FeedCursor): FeedCursor {
  return a === undefined ? b : later(a, b);
}

/** The record between two NULs: `seq dateAdded packed text` → the raw row. */
function rawOf(record: string): RawRow {
  const a = record.indexOf(' ');
  const b = record.indexOf(' ', a + 1);
  const c = record.indexOf(' ', b + 1);
  return [
    Number(record.slice(0, a)),
    Number(record.slice(a + 1, b)),
    Number(record.slice(b + 1, c)),
    record.slice(c + 1),
  ];
}

/** A run of comma-joined texts between records, without the commas that joined it to them. */
function runOf(blob: Buffer, from: number, to: number): Buffer | undefined {
  let start = from;
  let end = to;
  if (start < end && blob[start] === 0x2c) start++;
  if (end > start && blob[end - 1] === 0x2c) end--;
  return end > start ? blob.subarray(start, end) : undefined;
}

const COMMA = Buffer.from(',');

function joinWithCommas(parts: readonly Buffer[]): Buffer {
  const out: Buffer[] = [];
  for (const [i, p] of parts.entries()) {
    if (i > 0) out.push(COMMA);
    out.push(p);
  }
  return Buffer.concat(out);
}

/** Prepared bulk statements of one connection. */
export class BodyReader {
  readonly #db: Database.Database;
  readonly #dictionary: RowMetaDictionary;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #releaseAhead: Database.Statement;
  /** Per classOf function (a policy hands out one per reader while its answers hold). */
  readonly #seesAll = new WeakMap<BodyView<unknown>['classOf'], { count: number; all: boolean }>();

  constructor(db: Database.Database, dictionary: RowMetaDictionary) {
    this.#db = db;
    this.#dictionary = dictionary;
    this.#releaseAhead = db
      .prepare('SELECT 1 FROM releases WHERE collection = ? AND release_at >= ? AND release_at <= ? LIMIT 1')
      .pluck();
  }

  #statement(ids: number, types: number, specs: number, selector: SelectorKind): Database.Statement {
    const key = `${ids}/${types}/${specs}/${selector}`;
    let stmt = this.#statements.get(key);
    if (stmt === undefined) {
      if (this.#statements.size >= MAX_CACHED_SHAPES) this.#statements.clear();
      stmt = this.#db.prepare(bodySql(ids, types, specs, selector)).raw();
      this.#statements.set(key, stmt);
    }
    return stmt;
  }

  /**
   * Does the view see every stored marking combination as stored, unaudited? Combinations are
   * never changed or removed, so the answer is kept and extended only by those added since.
   */
  #seesAllAsStored<T>(view: BodyView<T>): boolean {
    const ids = this.#dictionary.ids();
    const cached = this.#seesAll.get(view.classOf);
    if (cached !== undefined && (cached.count === ids.length || !cached.all)) return cached.all;
    let all = true;
    for (let i = cached?.count ?? 0; i < ids.length && all; i++) {
      const c = view.classOf(this.#dictionary.get(ids[i] as number));
      all = c.kind === 'shown' && !c.audited;
    }
    this.#seesAll.set(view.classOf, { count: ids.length, all });
    return all;
  }

  /**
   * One page as a body; `source` and `fallback` are the row-by-row read of the same query
   * (neighbour lookups for version selection; anything the bulk path does not cover).
   */
  page<T>(
    query: ObjectQuery,
    start: FeedCursor | undefined,
    source: FeedSource,
    view: BodyView<T>,
    fallback: () => CollectedPage<T>,
  ): BodyPage<T> {
    const selector = query.versions ?? { kind: 'last' };
    const ids = query.ids ?? [];
    const types = query.types ?? [];
    const specs = query.specVersions ?? [];
    const position0 = startPosition(query, start);
    if (
      selector.kind === 'set' ||
      (ids.length === 0 && types.length > 1) ||
      !this.#seesAllAsStored(view) ||
      // A released entry is weighed by decide() (the producer does not get it): row by row.
      this.#releaseAhead.get(query.collectionId, position0.dateAdded, query.now) !== undefined
    ) {
      return bodyOfCollected(fallback(), view);
    }
    const stmt = this.#statement(ids.length, types.length, specs.length, selector.kind);
    const filters = [...ids, ...types, ...specs];
    const selected = selectorFor(selector, source, view.view);
    const read = (after: FeedCursor, max: number): Chunk<T> => {
      // A released entry at `after` has no added entry after it at the same (date_added, seq).
      const row = stmt.get(query.collectionId, after.dateAdded, after.seq, query.now, ...filters, max);
      return this.#chunk(row as ChunkRow, query.collectionId, view, selected);
    };

    const parts: Buffer[] = [];
    const viewed: T[] = [];
    let count = 0;
    let firstDate: Micros | undefined;
    let last: FeedCursor | undefined;
    let position = position0;
    let exhausted = false;
    while (count < query.limit) {
      const want = query.limit - count;
      const chunk = read(position, want);
      parts.push(...chunk.parts);
      viewed.push(...chunk.viewed);
      count += chunk.items;
      firstDate ??= chunk.firstDate;
      if (chunk.last) last = chunk.last;
      if (chunk.end) position = chunk.end;
      if (chunk.rows < want) {
        exhausted = true;
        break;
      }
    }
    const dates =
      firstDate !== undefined && last ? { firstDateAdded: firstDate, lastDateAdded: last.dateAdded } : {};
    const body = joinWithCommas(parts);
    if (exhausted || last === undefined) return { body, count, more: false, ...dates, viewed };

    // The page is full: is there an item after it?
    let following: Micros | undefined;
    for (let n = 1; following === undefined; n = Math.min(n * 8, PEEK_MAX)) {
      const chunk = read(position, n);
      following = chunk.firstDate;
      if (chunk.end) position = chunk.end;
      if (chunk.rows < n) break;
    }
    if (following === undefined) return { body, count, more: false, ...dates, viewed };
    // A client paging by added_after = X-TAXII-Date-Added-Last must not skip entries sharing the
    // last timestamp; the collector ends such a page early, so let it build this one.
    if (following === last.dateAdded) return bodyOfCollected(fallback(), view);
    const next = encodeCursor({
      collectionId: query.collectionId,
      dateAdded: last.dateAdded,
      seq: last.seq,
      entry: last.kind === 0 ? 'added' : 'released',
    });
    return { body, count, more: true, next, ...dates, viewed };
  }

  #chunk<T>(
    row: ChunkRow,
    collectionId: string,
    view: BodyView<T>,
    selected: (row: FeedRow) => boolean,
  ): Chunk<T> {
    const [blob, rows, shown, firstShown, lastShown, lastShownSeq] = row;
    const parts: Buffer[] = [];
    const viewed: T[] = [];
    if (rows === 0 || blob === null) return { rows: 0, parts, items: 0, viewed };
    let firstDate: Micros | undefined;
    let last: FeedCursor | undefined;
    let end: FeedCursor | undefined;
    if (shown && firstShown !== null && lastShown !== null && lastShownSeq !== null) {
      firstDate = firstShown;
      last = end = { dateAdded: lastShown, seq: lastShownSeq, kind: 0 };
    }
    let items = shown ?? 0;
    let at = 0;
    for (let nul = blob.indexOf(0, at); nul !== -1; nul = blob.indexOf(0, at)) {
      const close = blob.indexOf(0, nul + 1);
      const run = runOf(blob, at, nul);
      if (run) parts.push(run);
      at = close + 1;
      const feedRow = toFeedRow(rawOf(blob.toString('utf8', nul + 1, close)), collectionId, this.#dictionary);
      const cursor = cursorOf(feedRow);
      end = laterOf(end, cursor);
      const value = view.view(feedRow);
      if (value === undefined || !selected(feedRow)) continue;
      viewed.push(value);
      items++;
      parts.push(Buffer.from(view.textOf(value)));
      firstDate = Math.min(firstDate ?? cursor.dateAdded, cursor.dateAdded);
      last = laterOf(last, cursor);
    }
    const tail = runOf(blob, at, blob.length);
    if (tail) parts.push(tail);
    return {
      rows,
      parts,
      items,
      viewed,
      ...(end ? { end } : {}),
      ...(firstDate === undefined ? {} : { firstDate }),
      ...(last ? { last } : {}),
    };
  }
}
