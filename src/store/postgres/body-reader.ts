/**
 * The objects endpoint's read in bulk on PostgreSQL (Store.queryObjectsBody), on the terms of
 * sqlite/body-reader.ts: for a reader who sees every marking combination stored in the node as
 * stored and unaudited, version selection follows from the latest/first flags alone (TAXII 2.1
 * section 3.4.1) and the page is the feed's rows as stored, their texts joined by commas.
 * Everything else goes through the view.
 *
 * One statement per page: the conditions of a bulk read are checked in the same snapshot as the
 * page, which they gate (a round trip each cost more than the page's own server time). The
 * rows come back one by one, as a plain keyset read returns them: joining them on the server
 * (string_agg) made PostgreSQL build and copy one value of the page's size, which cost it four
 * times the read itself.
 */
import type pg from 'pg';
import type { CursorCodec } from '../cursor.js';
import { joinedTexts } from '../joined-texts.js';
import type { BodyPage, BodyView, Micros, ObjectQuery } from '../objects.js';
import type { FeedCursor } from '../page-collector.js';
import type { RowMetaDictionary } from './row-meta.js';

type SelectorKind = 'last' | 'first' | 'all';

/** seq, date_added and json of a page row; the gate's row after the page has nulls. */
type PageRow = [seq: number | null, dateAdded: Micros | null, json: string | null];

/**
 * A bulk read may serve the page when the collection has no contested version (those go to
 * their producer alone), no released entry is due between the cursor and now (the view weighs
 * those), every date_added has passed (until then the flags may name a version still to come)
 * and every combination stored is one the reader was classified against: rows use no
 * combination above the highest id, since a combination commits before any version using it.
 */
function gateSql(selector: SelectorKind): string {
  const passed =
    selector === 'all'
      ? ''
      : ' AND coalesce((SELECT last_date_added FROM collections WHERE id = $1) <= $4, true)';
  return (
    'SELECT NOT EXISTS (SELECT 1 FROM versions WHERE collection = $1 AND contested)' +
    ' AND NOT EXISTS (SELECT 1 FROM releases WHERE collection = $1 AND release_at >= $2 AND release_at <= $4)' +
    `${passed} AND (SELECT coalesce(max(meta_id), 0) FROM row_meta) <= $6 AS open`
  );
}

/**
 * The page's rows (one beyond `limit` tells that more follow), then one row of nulls: the
 * statement returns no row at all when the gate is closed, and only the nulls for an empty page.
 */
function bodySql(query: ObjectQuery, selector: SelectorKind): { sql: string; filters: unknown[] } {
  const terms: string[] = [];
  const filters: unknown[] = [];
  for (const [column, list] of [
    ['v.stix_id', query.ids],
    ['v.type', query.types],
    ['v.spec_version', query.specVersions],
  ] as const) {
    if (list === undefined || list.length === 0) continue;
    filters.push(list.length === 1 ? list[0] : list);
    terms.push(
      list.length === 1
        ? ` AND ${column} = $${6 + filters.length}`
        : ` AND ${column} = ANY($${6 + filters.length})`,
    );
  }
  const selected = selector === 'last' ? ' AND v.is_latest' : selector === 'first' ? ' AND v.is_first' : '';
  // With an id filter the few rows are found by the id index and sorted (see feed-source.ts).
  const order =
    query.ids !== undefined && query.ids.length > 0 ? 'v.date_added + 0, v.seq + 0' : 'v.date_added, v.seq';
  // $1 collection, $2 date_added, $3 seq, $4 now, $5 limit, $6 highest classified combination.
  // The outer ORDER BY merges the two branches in order (nulls last) without sorting the page.
  const sql =
    `WITH gate AS MATERIALIZED (${gateSql(selector)})` +
    ' (SELECT v.seq, v.date_added, v.json FROM versions AS v WHERE (SELECT open FROM gate)' +
    ` AND v.collection = $1 AND (v.date_added, v.seq) > ($2, $3) AND v.date_added <= $4${terms.join('')}${selected}` +
    ` ORDER BY ${order} LIMIT $5 + 1)` +
    ' UNION ALL SELECT NULL, NULL, NULL FROM gate WHERE open ORDER BY 2, 1';
  return { sql, filters };
}

/** Bulk pages of one store. */
export class BodyReader {
  readonly #pool: pg.Pool;
  readonly #dictionary: RowMetaDictionary;
  readonly #cursors: CursorCodec;
  /** Per classOf function (a policy hands out one per reader while its answers hold). */
  readonly #seesAll = new WeakMap<BodyView<unknown>['classOf'], { count: number; all: boolean }>();

  constructor(pool: pg.Pool, dictionary: RowMetaDictionary, cursors: CursorCodec) {
    this.#pool = pool;
    this.#dictionary = dictionary;
    this.#cursors = cursors;
  }

  /** Does the view see every combination of `ids` as stored, unaudited? Extended by those learnt since. */
  #seesAllAsStored<T>(view: BodyView<T>, ids: readonly number[]): boolean {
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
   * One page read in bulk from `from`, or undefined when it must go through the view (which also
   * reads the combinations this process has not classified yet, for the next page).
   */
  async read<T>(query: ObjectQuery, from: FeedCursor, view: BodyView<T>): Promise<BodyPage<T> | undefined> {
    const selector = query.versions ?? { kind: 'last' };
    if (selector.kind === 'set' || ((query.ids ?? []).length === 0 && (query.types ?? []).length > 1))
      return undefined;
    const known = this.#dictionary.known();
    if (!this.#seesAllAsStored(view, known)) return undefined;
    const { sql, filters } = bodySql(query, selector.kind);
    const { rows } = await this.#pool.query<PageRow>({
      text: sql,
      values: [
        query.collectionId,
        from.dateAdded,
        from.seq,
        query.now,
        query.limit,
        known[known.length - 1] ?? 0,
        ...filters,
      ],
      rowMode: 'array',
    });
    if (rows.length === 0) return undefined;
    return this.#pageOf(query, rows);
  }

  #pageOf<T>(query: ObjectQuery, rows: readonly PageRow[]): BodyPage<T> {
    // Every row but the gate's last one is a page row, with its three values.
    const count = Math.min(rows.length - 1, query.limit);
    if (count === 0) return { body: Buffer.alloc(0), count: 0, more: false, viewed: [] };
    const texts = new Array<string>(count);
    for (let i = 0; i < count; i++) texts[i] = (rows[i] as PageRow)[2] as string;
    const first = rows[0] as PageRow;
    const last = rows[count - 1] as PageRow;
    const page = {
      body: joinedTexts(texts),
      count,
      firstDateAdded: first[1] as Micros,
      lastDateAdded: last[1] as Micros,
      viewed: [],
    };
    if (rows.length - 1 <= query.limit) return { ...page, more: false };
    const next = this.#cursors.encode({
      collectionId: query.collectionId,
      dateAdded: last[1] as Micros,
      seq: last[0] as number,
      entry: 'added',
    });
    return { ...page, more: true, next };
  }
}
