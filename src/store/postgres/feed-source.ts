/**
 * The PostgreSQL AsyncFeedSource: one statement per chunk reads the collection's feed in order
 * (added entries from versions and released entries from releases, merged by UNION ALL over
 * their feed indexes) with the id/type/spec_version filters and the reader's hidden marking
 * combinations in SQL; one statement per chunk finds the other versions of the chunk's ids.
 */
import type pg from 'pg';
import type { ObjectQuery, StoredObject } from '../objects.js';
import type { AsyncFeedSource, FeedCursor, FeedRow } from '../page-collector.js';
import {
  ADDED_ENTRY_COLUMNS,
  asReleased,
  metaIdsOf,
  type RawRow,
  RELEASED_ENTRY_COLUMNS,
  toFeedRow,
} from './row-mapping.js';
import type { RowMetaDictionary } from './row-meta.js';

/** The filter terms on versions (`v`) with their values, numbered from `first`. */
function filtersOf(query: ObjectQuery, first: number): { sql: string; values: unknown[] } {
  const terms: string[] = [];
  const values: unknown[] = [];
  const add = (column: string, list: readonly string[] | undefined) => {
    if (list === undefined || list.length === 0) return;
    // One value as an equality, so the planner walks the (collection, type, date_added) index in order.
    terms.push(
      list.length === 1
        ? `${column} = $${first + values.length}`
        : `${column} = ANY($${first + values.length})`,
    );
    values.push(list.length === 1 ? list[0] : list);
  };
  add('v.stix_id', query.ids);
  add('v.type', query.types);
  add('v.spec_version', query.specVersions);
  return { sql: terms.map((t) => ` AND ${t}`).join(''), values };
}

/**
 * A FeedSource for one query; `hidden`: the row_meta ids whose added entries without granular
 * markings the reader may not see, skipped in SQL.
 */
export function feedSource(
  pool: pg.Pool,
  dictionary: RowMetaDictionary,
  query: ObjectQuery,
  hidden: readonly number[] | undefined,
): AsyncFeedSource {
  const { collectionId: c, now } = query;
  // $1 collection, $2 date_added, $3 seq (added), $4 now, $5 seq (released), $6 limit.
  const filters = filtersOf(query, 7);
  const skip =
    hidden === undefined || hidden.length === 0
      ? ''
      : ` AND NOT (NOT v.has_granular AND v.meta_id = ANY($${7 + filters.values.length}))`;
  // With an id filter the few rows are found by the id index and sorted: `+ 0` keeps the
  // planner from walking the whole feed index in order instead, filtering each row by id.
  const order =
    query.ids !== undefined && query.ids.length > 0 ? 'v.date_added + 0, v.seq + 0' : 'v.date_added, v.seq';
  const sql =
    `(SELECT ${ADDED_ENTRY_COLUMNS} FROM versions AS v` +
    ` WHERE v.collection = $1 AND (v.date_added, v.seq) > ($2, $3) AND v.date_added <= $4${filters.sql}${skip}` +
    ` ORDER BY ${order} LIMIT $6)` +
    ` UNION ALL (SELECT ${RELEASED_ENTRY_COLUMNS} FROM releases AS r JOIN versions AS v ON v.seq = r.seq` +
    ` WHERE r.collection = $1 AND (r.release_at, r.seq) > ($2, $5) AND r.release_at <= $4${filters.sql}` +
    ' ORDER BY r.release_at, r.seq LIMIT $6)' +
    ' ORDER BY 2, 1, 3 LIMIT $6';
  const extra = skip === '' ? filters.values : [...filters.values, hidden];
  const toRows = async (raws: RawRow[]): Promise<FeedRow[]> => {
    await dictionary.load(metaIdsOf(raws));
    return raws.map((raw) => toFeedRow(raw, c, dictionary));
  };
  return {
    async read(after: FeedCursor, max: number): Promise<readonly FeedRow[]> {
      // An added entry (D, S, 0) follows (d, s, k) iff (D, S) > (d, s); a released entry
      // (D, S, 1) follows iff (D, S) > (d, s), or (D, S) = (d, s) when k is 0.
      const releaseSeq = after.kind === 0 ? after.seq - 1 : after.seq;
      const { rows } = await pool.query<RawRow>({
        text: sql,
        values: [c, after.dateAdded, after.seq, now, releaseSeq, max, ...extra],
        rowMode: 'array',
      });
      return toRows(rows);
    },
    async versionsOf(ids: readonly string[]): Promise<ReadonlyMap<string, readonly StoredObject[]>> {
      const { rows } = await pool.query<RawRow>({
        text:
          `SELECT ${ADDED_ENTRY_COLUMNS}, r.release_at FROM versions AS v LEFT JOIN releases AS r ON r.seq = v.seq` +
          ' WHERE v.collection = $1 AND v.stix_id = ANY($2)',
        values: [c, ids],
        rowMode: 'array',
      });
      await dictionary.load(metaIdsOf(rows));
      const byId = new Map<string, StoredObject[]>();
      for (const raw of rows) {
        const found: StoredObject[] = [];
        if (raw[1] <= now) found.push(toFeedRow(raw, c, dictionary));
        const releaseAt = raw[12] as number | null;
        if (releaseAt !== null && releaseAt <= now)
          found.push(toFeedRow(asReleased(raw, releaseAt), c, dictionary));
        if (found.length === 0) continue;
        const list = byId.get(raw[9]);
        if (list === undefined) byId.set(raw[9], found);
        else list.push(...found);
      }
      return byId;
    },
  };
}
