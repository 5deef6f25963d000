/**
 * The SQLite FeedSource: ordered reads of a collection's feed (added entries from `versions`,
 * released entries from `releases`, merged by SQLite over the two feed indexes) with the
 * id/type/spec_version filters in SQL, and the neighbour lookups version selection needs.
 */
import type Database from 'better-sqlite3';
import type { FeedCursor, FeedRow, FeedSource } from '../page-collector.js';
import type { ObjectQuery, StoredObject } from '../store.js';
import {
  ADDED_ENTRY_COLUMNS,
  asReleased,
  entryColumns,
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

function feedSql(ids: number, types: number, specs: number): string {
  const filters = (alias: string) =>
    inList(`${alias}.stix_id`, ids) + inList(`${alias}.type`, types) + inList(`${alias}.spec_version`, specs);
  // With an id filter the id index finds the few rows at once; with one type, that type's feed
  // index keeps date_added order; otherwise walk the feed index in order and filter.
  const index =
    ids > 0
      ? 'INDEXED BY versions_by_id'
      : types === 1
        ? 'INDEXED BY versions_type_feed'
        : 'INDEXED BY versions_feed';
  return (
    `SELECT ${ADDED_ENTRY_COLUMNS} FROM versions AS v ${index}` +
    ` WHERE v.collection = ? AND (v.date_added, v.seq) > (?, ?) AND v.date_added <= ?${filters('v')}` +
    ` UNION ALL SELECT ${RELEASED_ENTRY_COLUMNS}` +
    ' FROM releases AS r JOIN versions AS v ON v.seq = r.seq' +
    ` WHERE r.collection = ? AND (r.release_at, r.seq) > (?, ?) AND r.release_at <= ?${filters('v')}` +
    // The third column packs the entry kind in its lowest bit, and both entries of one seq pack
    // the same meta and flags: ordering by it puts `added` before `released`.
    ' ORDER BY 2, 1, 3 LIMIT ?'
  );
}

type NeighbourRow = [...RawRow, releaseAt: number | null];

/** Prepared statements for feed reads, cached per filter shape. */
export class FeedStatements {
  readonly #db: Database.Database;
  readonly #dictionary: RowMetaDictionary;
  readonly #feed = new Map<string, Database.Statement>();
  readonly #newer: Database.Statement;
  readonly #older: Database.Statement;

  constructor(db: Database.Database, dictionary: RowMetaDictionary) {
    this.#db = db;
    this.#dictionary = dictionary;
    const neighbours = (cmp: string, order: string) =>
      db
        .prepare(
          `SELECT ${ADDED_ENTRY_COLUMNS}, r.release_at FROM versions AS v LEFT JOIN releases AS r ON r.seq = v.seq` +
            ` WHERE v.collection = ? AND v.stix_id = ?` +
            ` AND v.version_key ${cmp} (SELECT version_key FROM versions WHERE seq = ?) ORDER BY v.version_key ${order}`,
        )
        .raw();
    this.#newer = neighbours('>', 'DESC');
    this.#older = neighbours('<', 'ASC');
  }

  #statement(ids: number, types: number, specs: number): Database.Statement {
    const key = `${ids}/${types}/${specs}`;
    let stmt = this.#feed.get(key);
    if (stmt === undefined) {
      if (this.#feed.size >= MAX_CACHED_SHAPES) this.#feed.clear();
      stmt = this.#db.prepare(feedSql(ids, types, specs)).raw();
      this.#feed.set(key, stmt);
    }
    return stmt;
  }

  /** A FeedSource for one query. */
  source(query: ObjectQuery): FeedSource {
    const ids = query.ids ?? [];
    const types = query.types ?? [];
    const specs = query.specVersions ?? [];
    const { collectionId: c, now } = query;
    const dictionary = this.#dictionary;
    const newer = this.#newer;
    const older = this.#older;
    // A few types are read one type index each and merged: scanning the whole feed for a rare
    // pair of types would cost the whole collection per page.
    const perType = ids.length === 0 && types.length > 1 && types.length <= MAX_MERGED_TYPES;
    const groups = perType ? types.map((t) => [t]) : [types];
    const reads = groups.map((group) => {
      const stmt = this.#statement(ids.length, group.length, specs.length);
      const filters = [...ids, ...group, ...specs];
      return (after: FeedCursor, max: number): RawRow[] => {
        // An added entry (D, S, 0) follows (d, s, k) iff (D, S) > (d, s); a released entry
        // (D, S, 1) follows iff (D, S) > (d, s), or (D, S) = (d, s) when k is 0.
        const releaseSeq = after.kind === 0 ? after.seq - 1 : after.seq;
        const { dateAdded: d, seq: s } = after;
        return stmt.all(c, d, s, now, ...filters, c, d, releaseSeq, now, ...filters, max) as RawRow[];
      };
    });
    return {
      read(after: FeedCursor, max: number): readonly FeedRow[] {
        let raws = (reads[0] as (typeof reads)[number])(after, max);
        if (reads.length > 1) {
          // Each group's first `max` entries contain the union's first `max` entries.
          raws = reads.flatMap((read) => read(after, max));
          raws.sort((x, y) => x[1] - y[1] || x[0] - y[0] || x[2] - y[2]);
          raws.length = Math.min(raws.length, max);
        }
        const rows = new Array<FeedRow>(raws.length);
        for (let i = 0; i < raws.length; i++) rows[i] = toFeedRow(raws[i] as RawRow, c, dictionary);
        return rows;
      },
      *neighbours(row: FeedRow, direction: 'newer' | 'older'): Iterable<StoredObject> {
        const raws = (direction === 'newer' ? newer : older).all(c, row.id, row.seq) as NeighbourRow[];
        for (const raw of raws) {
          const entry = entryColumns(raw);
          if (entry[1] <= now) yield toFeedRow(entry, c, dictionary);
          const releaseAt = raw[4];
          if (releaseAt !== null && releaseAt <= now)
            yield toFeedRow(asReleased(entry, releaseAt), c, dictionary);
        }
      },
    };
  }
}
