/**
 * The SQLite FeedSource: ordered reads of a collection's feed (added entries from `versions`,
 * released entries from `releases`, merged by SQLite over the two feed indexes) with the
 * id/type/spec_version filters in SQL, and the batched version lookups version selection needs.
 */
import type Database from 'better-sqlite3';
import type { ObjectQuery, StoredObject } from '../objects.js';
import type { FeedCursor, FeedRow, FeedSource } from '../page-collector.js';
import type { GranularViewTable } from './granular-view-table.js';
import {
  ADDED_ENTRY_COLUMNS,
  asReleased,
  entryColumns,
  hasViews,
  type RawRow,
  RELEASED_ENTRY_COLUMNS,
  toFeedRow,
} from './row-mapping.js';
import type { RowMetaDictionary } from './row-meta.js';

const MAX_CACHED_SHAPES = 64;
const MAX_MERGED_TYPES = 8;

function inList(column: string, count: number): string {
  return count === 0 ? '' : ` AND ${column} IN (${new Array(count).fill('?').join(', ')})`;
}

/**
 * The WHERE terms of the id, type and spec_version filters on versions (`v`), and the index a
 * read of that shape walks: with an id filter the id index finds the few rows at once; with one
 * type, that type's feed index keeps date_added order; otherwise the feed index, in order.
 * Bind the filter values in the same order: ids, types, spec versions.
 */
export function feedFilterSql(ids: number, types: number, specs: number): { filters: string; index: string } {
  return {
    filters: inList('v.stix_id', ids) + inList('v.type', types) + inList('v.spec_version', specs),
    index:
      ids > 0
        ? 'INDEXED BY versions_by_chain'
        : types === 1
          ? 'INDEXED BY versions_type_feed'
          : 'INDEXED BY versions_feed',
  };
}

/**
 * The two halves of a feed read, as separate statements: `added` entries from versions, and
 * `released` entries from releases. A UNION ALL ... ORDER BY of the two would let SQLite merge
 * them, but its merge copies every row's text, which cost about as much as the read itself;
 * released entries are few, and the two sorted halves merge in JavaScript for nothing.
 */
function feedSql(
  ids: number,
  types: number,
  specs: number,
  skipHidden: boolean,
): { added: string; released: string } {
  const { filters, index } = feedFilterSql(ids, types, specs);
  // The reader's hidden combinations (a JSON array bound last but one), tested in the index.
  const hidden = skipHidden
    ? ' AND NOT (v.has_granular = 0 AND v.meta_id IN (SELECT value FROM json_each(?)))'
    : '';
  return {
    added:
      `SELECT ${ADDED_ENTRY_COLUMNS} FROM versions AS v ${index}` +
      ` WHERE v.collection = ? AND (v.date_added, v.seq) > (?, ?) AND v.date_added <= ?${filters}${hidden}` +
      ' ORDER BY v.date_added, v.seq LIMIT ?',
    released:
      `SELECT ${RELEASED_ENTRY_COLUMNS}` +
      ' FROM releases AS r JOIN versions AS v ON v.seq = r.seq' +
      ` WHERE r.collection = ? AND (r.release_at, r.seq) > (?, ?) AND r.release_at <= ?${filters}` +
      ' ORDER BY r.release_at, r.seq LIMIT ?',
  };
}

/**
 * Feed order: (dateAdded, seq, kind). The third value packs the entry kind in its lowest bit,
 * and both entries of one seq pack the same meta and flags, so it orders `added` first.
 */
function feedOrder(x: RawRow, y: RawRow): number {
  return x[1] - y[1] || x[0] - y[0] || x[2] - y[2];
}

/** The first `max` entries of two lists sorted in feed order, in feed order. */
function mergeSorted(a: RawRow[], b: RawRow[], max: number): RawRow[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: RawRow[] = [];
  let i = 0;
  let j = 0;
  while (out.length < max && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && feedOrder(a[i] as RawRow, b[j] as RawRow) <= 0))
      out.push(a[i++] as RawRow);
    else out.push(b[j++] as RawRow);
  }
  return out;
}

type NeighbourRow = [...RawRow, releaseAt: number | null];

/** Prepared statements for feed reads, cached per filter shape. */
export class FeedStatements {
  readonly #db: Database.Database;
  readonly #dictionary: RowMetaDictionary;
  readonly #views: GranularViewTable;
  readonly #feed = new Map<string, { added: Database.Statement; released: Database.Statement }>();
  readonly #versions: Database.Statement;

  constructor(db: Database.Database, dictionary: RowMetaDictionary, views: GranularViewTable) {
    this.#db = db;
    this.#dictionary = dictionary;
    this.#views = views;
    this.#versions = db
      .prepare(
        `SELECT ${ADDED_ENTRY_COLUMNS}, r.release_at FROM json_each(?) AS j` +
          ' JOIN versions AS v INDEXED BY versions_by_chain ON v.collection = ? AND v.stix_id = j.value' +
          ' LEFT JOIN releases AS r ON r.seq = v.seq',
      )
      .raw();
  }

  #statements(ids: number, types: number, specs: number, skipHidden: boolean) {
    const key = `${ids}/${types}/${specs}/${skipHidden}`;
    let statements = this.#feed.get(key);
    if (statements === undefined) {
      if (this.#feed.size >= MAX_CACHED_SHAPES) this.#feed.clear();
      const sql = feedSql(ids, types, specs, skipHidden);
      statements = {
        added: this.#db.prepare(sql.added).raw(),
        released: this.#db.prepare(sql.released).raw(),
      };
      this.#feed.set(key, statements);
    }
    return statements;
  }

  /**
   * A FeedSource for one query; `hidden`: the row_meta ids (a JSON array) whose added entries
   * without granular markings the reader may not see, skipped in SQL.
   */
  source(query: ObjectQuery, hidden?: string): FeedSource {
    const ids = query.ids ?? [];
    const types = query.types ?? [];
    const specs = query.specVersions ?? [];
    const { collectionId: c, now } = query;
    const dictionary = this.#dictionary;
    const viewTable = this.#views;
    const versions = this.#versions;
    // A few types are read one type index each and merged: scanning the whole feed for a rare
    // pair of types would cost the whole collection per page.
    const perType = ids.length === 0 && types.length > 1 && types.length <= MAX_MERGED_TYPES;
    const groups = perType ? types.map((t) => [t]) : [types];
    const reads = groups.map((group) => {
      const { added, released } = this.#statements(
        ids.length,
        group.length,
        specs.length,
        hidden !== undefined,
      );
      const filters = [...ids, ...group, ...specs];
      const addedFilters = hidden === undefined ? filters : [...filters, hidden];
      return (after: FeedCursor, max: number): RawRow[] => {
        // An added entry (D, S, 0) follows (d, s, k) iff (D, S) > (d, s); a released entry
        // (D, S, 1) follows iff (D, S) > (d, s), or (D, S) = (d, s) when k is 0.
        const releaseSeq = after.kind === 0 ? after.seq - 1 : after.seq;
        const { dateAdded: d, seq: s } = after;
        return mergeSorted(
          added.all(c, d, s, now, ...addedFilters, max) as RawRow[],
          released.all(c, d, releaseSeq, now, ...filters, max) as RawRow[],
          max,
        );
      };
    });
    return {
      read(after: FeedCursor, max: number): readonly FeedRow[] {
        let raws = (reads[0] as (typeof reads)[number])(after, max);
        if (reads.length > 1) {
          // Each group's first `max` entries contain the union's first `max` entries.
          raws = reads.flatMap((read) => read(after, max));
          raws.sort(feedOrder);
          raws.length = Math.min(raws.length, max);
        }
        // Granular views of the chunk's versions that have them, in one statement.
        const withViews: number[] = [];
        for (const raw of raws) if (hasViews(raw)) withViews.push(raw[0]);
        const views = withViews.length === 0 ? undefined : viewTable.ofSeqs(withViews);
        const rows = new Array<FeedRow>(raws.length);
        for (let i = 0; i < raws.length; i++) {
          const raw = raws[i] as RawRow;
          rows[i] = toFeedRow(raw, c, dictionary, views?.get(raw[0]));
        }
        return rows;
      },
      versionsOf(ids: readonly string[]): ReadonlyMap<string, readonly StoredObject[]> {
        const byId = new Map<string, StoredObject[]>();
        for (const raw of versions.all(JSON.stringify(ids), c) as NeighbourRow[]) {
          const entry = entryColumns(raw);
          const found: StoredObject[] = [];
          if (entry[1] <= now) found.push(toFeedRow(entry, c, dictionary));
          const releaseAt = raw[4];
          if (releaseAt !== null && releaseAt <= now)
            found.push(toFeedRow(asReleased(entry, releaseAt), c, dictionary));
          const first = found[0];
          if (first === undefined) continue;
          const list = byId.get(first.id);
          if (list === undefined) byId.set(first.id, found);
          else list.push(...found);
        }
        return byId;
      },
    };
  }
}
