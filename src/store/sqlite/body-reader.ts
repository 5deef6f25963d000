/**
 * The objects endpoint's read in bulk (Store.queryObjectsBody), for a reader who sees every
 * marking combination stored in the node exactly as stored and unaudited (unmarked or
 * TLP:CLEAR/GREEN-only nodes, the producer's own objects): SQLite joins the texts of a page into
 * one BLOB, so the rows never reach JavaScript one by one (a read costs mostly per value handed
 * over, and joining and encoding a thousand strings in JavaScript costs as much again).
 *
 * For such a reader every stored version is visible, so version selection follows from the
 * latest/first flags alone (TAXII 2.1 section 3.4.1) once every version's date_added has
 * passed. Anything else goes row by row through the view: a reader with restricted
 * combinations (classifying each row in SQL cost more than the row-by-row read itself), a set of
 * versions, several types, released entries ahead, a query clock before the collection's last
 * date_added.
 */
import type Database from 'better-sqlite3';
import { bodyOfCollected } from '../body-page.js';
import type { CursorCodec } from '../cursor.js';
import type { BodyPage, BodyView, Micros, ObjectQuery } from '../objects.js';
import { type CollectedPage, type FeedCursor, startPosition } from '../page-collector.js';
import { feedFilterSql } from './feed-source.js';
import type { RowMetaDictionary } from './row-meta.js';

const MAX_CACHED_SHAPES = 32;

type SelectorKind = 'last' | 'first' | 'all';

function bodySql(ids: number, types: number, specs: number, selector: SelectorKind): string {
  const { filters, index } = feedFilterSql(ids, types, specs);
  const selected =
    selector === 'last' ? ' AND v.is_latest = 1' : selector === 'first' ? ' AND v.is_first = 1' : '';
  // The rows are `added` entries of one collection: their date_added and seq both grow with
  // insertion (date_added strictly, per collection; seq as SQLite's rowid), so the last row has
  // both the largest date_added and the largest seq.
  return (
    "SELECT CAST(group_concat(j, ',') AS BLOB), count(*), min(d), max(d), max(s)" +
    ' FROM (SELECT v.date_added AS d, v.seq AS s, v.json AS j' +
    ` FROM versions AS v ${index}` +
    ` WHERE v.collection = ? AND (v.date_added, v.seq) > (?, ?) AND v.date_added <= ?${filters}${selected}` +
    ' ORDER BY v.date_added, v.seq LIMIT ?)'
  );
}

type ChunkRow = [
  blob: Buffer | null,
  rows: number,
  first: Micros | null,
  last: Micros | null,
  lastSeq: number | null,
];

/** Prepared bulk statements of one connection. */
export class BodyReader {
  readonly #db: Database.Database;
  readonly #dictionary: RowMetaDictionary;
  readonly #cursors: CursorCodec;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #s;
  /** Per classOf function (a policy hands out one per reader while its answers hold). */
  readonly #seesAll = new WeakMap<BodyView<unknown>['classOf'], { count: number; all: boolean }>();

  constructor(db: Database.Database, dictionary: RowMetaDictionary, cursors: CursorCodec) {
    this.#db = db;
    this.#dictionary = dictionary;
    this.#cursors = cursors;
    this.#s = {
      releaseAhead: db
        .prepare(
          'SELECT 1 FROM releases WHERE collection = ? AND release_at >= ? AND release_at <= ? LIMIT 1',
        )
        .pluck(),
      lastDateAdded: db.prepare('SELECT last_date_added FROM collections WHERE id = ?').pluck(),
      // The partial index versions_contested answers this: the expression must match its WHERE.
      contested: db
        .prepare(
          'SELECT 1 FROM versions INDEXED BY versions_contested WHERE collection = ? AND contested = 1 LIMIT 1',
        )
        .pluck(),
    };
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

  /** Can this page be read in bulk for this view? */
  #bulk<T>(query: ObjectQuery, from: FeedCursor, view: BodyView<T>): SelectorKind | undefined {
    const selector = query.versions ?? { kind: 'last' };
    if (selector.kind === 'set' || ((query.ids ?? []).length === 0 && (query.types ?? []).length > 1)) {
      return undefined;
    }
    if (!this.#seesAllAsStored(view)) return undefined;
    // Contested versions go to their producer alone, which the view decides row by row.
    if (this.#s.contested.get(query.collectionId) !== undefined) return undefined;
    // A released entry is weighed by decide() (its producer does not get it).
    if (this.#s.releaseAhead.get(query.collectionId, from.dateAdded, query.now) !== undefined)
      return undefined;
    // The flags name the last (first) version among all stored ones: that is the visible one
    // only once every version's date_added has passed (versions arrive in any order).
    const latest = this.#s.lastDateAdded.get(query.collectionId) as number | undefined;
    if (selector.kind !== 'all' && latest !== undefined && latest > query.now) return undefined;
    return selector.kind;
  }

  /** One page as a body; `collect` is the row-by-row read of the same query (the view's path). */
  page<T>(
    query: ObjectQuery,
    start: FeedCursor | undefined,
    view: BodyView<T>,
    collect: () => CollectedPage<T>,
  ): BodyPage<T> {
    const from = startPosition(query, start);
    const selector = this.#bulk(query, from, view);
    if (selector === undefined) return bodyOfCollected(collect(), view);
    const filters = [...(query.ids ?? []), ...(query.types ?? []), ...(query.specVersions ?? [])];
    const stmt = this.#statement(
      query.ids?.length ?? 0,
      query.types?.length ?? 0,
      query.specVersions?.length ?? 0,
      selector,
    );
    const read = (after: FeedCursor, max: number) =>
      stmt.get(query.collectionId, after.dateAdded, after.seq, query.now, ...filters, max) as ChunkRow;

    const [blob, count, first, last, lastSeq] = read(from, query.limit);
    if (count === 0 || blob === null || first === null || last === null || lastSeq === null) {
      return { body: Buffer.alloc(0), count: 0, more: false, viewed: [] };
    }
    const page = { body: blob, count, firstDateAdded: first, lastDateAdded: last, viewed: [] };
    // Every entry read here is an item, and date_added is unique among them: the page needs no
    // shortening before a run of equal date_added values, only to know whether one more exists.
    const more = count === query.limit && read({ dateAdded: last, seq: lastSeq, kind: 0 }, 1)[1] > 0;
    if (!more) return { ...page, more: false };
    const next = this.#cursors.encode({
      collectionId: query.collectionId,
      dateAdded: last,
      seq: lastSeq,
      entry: 'added',
    });
    return { ...page, more: true, next };
  }
}
