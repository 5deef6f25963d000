/**
 * The objects endpoint's read in bulk on PostgreSQL (Store.queryObjectsBody), on the terms of
 * sqlite/body-reader.ts: for a reader who sees every marking combination stored in the node as
 * stored and unaudited, the server joins the texts of a page (string_agg) and the page crosses
 * the connection as one value, not row by row. Everything else goes through the view.
 */
import type pg from 'pg';
import type { CursorCodec } from '../cursor.js';
import type { BodyPage, BodyView, Micros, ObjectQuery } from '../objects.js';
import type { FeedCursor } from '../page-collector.js';
import type { RowMetaDictionary } from './row-meta.js';

type SelectorKind = 'last' | 'first' | 'all';

type ChunkRow = {
  body: string | null;
  count: number;
  first: Micros | null;
  last: Micros | null;
  last_seq: number | null;
  more: boolean;
};

/** The page's text, count, first and last instants, last seq, and whether one more row follows. */
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
        ? ` AND ${column} = $${5 + filters.length}`
        : ` AND ${column} = ANY($${5 + filters.length})`,
    );
  }
  const selected = selector === 'last' ? ' AND v.is_latest' : selector === 'first' ? ' AND v.is_first' : '';
  const order =
    query.ids !== undefined && query.ids.length > 0 ? 'v.date_added + 0, v.seq + 0' : 'v.date_added, v.seq';
  // $1 collection, $2 date_added, $3 seq, $4 now, $5 limit.
  const sql =
    "SELECT string_agg(j, ',' ORDER BY n) FILTER (WHERE n <= $5) AS body, count(*) FILTER (WHERE n <= $5) AS count," +
    ' min(d) AS first, max(d) FILTER (WHERE n <= $5) AS last,' +
    ' (array_agg(s ORDER BY n DESC) FILTER (WHERE n <= $5))[1] AS last_seq, count(*) > $5 AS more' +
    ` FROM (SELECT v.date_added AS d, v.seq AS s, v.json AS j, row_number() OVER (ORDER BY ${order}) AS n` +
    ` FROM versions AS v WHERE v.collection = $1 AND (v.date_added, v.seq) > ($2, $3) AND v.date_added <= $4${terms.join('')}${selected}` +
    ` ORDER BY ${order} LIMIT $5 + 1) AS page`;
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

  /** Does the view see every stored combination as stored, unaudited? Extended by those added since. */
  async #seesAllAsStored<T>(view: BodyView<T>): Promise<boolean> {
    const ids = await this.#dictionary.ids();
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

  /** The selector to read this page in bulk with, or undefined when it must go through the view. */
  async bulk<T>(query: ObjectQuery, from: FeedCursor, view: BodyView<T>): Promise<SelectorKind | undefined> {
    const selector = query.versions ?? { kind: 'last' };
    if (selector.kind === 'set' || ((query.ids ?? []).length === 0 && (query.types ?? []).length > 1))
      return undefined;
    if (!(await this.#seesAllAsStored(view))) return undefined;
    // Contested versions go to their producer alone and released entries are weighed by the
    // view; the flags name the last (first) visible version only once every date_added has passed.
    const { rows } = await this.#pool.query<{ contested: boolean; ahead: boolean; last: number | null }>(
      'SELECT EXISTS (SELECT 1 FROM versions WHERE collection = $1 AND contested) AS contested,' +
        ' EXISTS (SELECT 1 FROM releases WHERE collection = $1 AND release_at >= $2 AND release_at <= $3) AS ahead,' +
        ' (SELECT last_date_added FROM collections WHERE id = $1) AS last',
      [query.collectionId, from.dateAdded, query.now],
    );
    const row = rows[0];
    if (row === undefined || row.contested || row.ahead) return undefined;
    if (selector.kind !== 'all' && row.last !== null && row.last > query.now) return undefined;
    return selector.kind;
  }

  /** One page read in bulk with `selector` from `from`. */
  async page<T>(query: ObjectQuery, from: FeedCursor, selector: SelectorKind): Promise<BodyPage<T>> {
    const { sql, filters } = bodySql(query, selector);
    const { rows } = await this.#pool.query<ChunkRow>(sql, [
      query.collectionId,
      from.dateAdded,
      from.seq,
      query.now,
      query.limit,
      ...filters,
    ]);
    const row = rows[0];
    if (
      row === undefined ||
      row.count === 0 ||
      row.body === null ||
      row.first === null ||
      row.last === null
    ) {
      return { body: Buffer.alloc(0), count: 0, more: false, viewed: [] };
    }
    const page = {
      body: Buffer.from(row.body),
      count: row.count,
      firstDateAdded: row.first,
      lastDateAdded: row.last,
      viewed: [],
    };
    if (!row.more || row.last_seq === null) return { ...page, more: false };
    const next = this.#cursors.encode({
      collectionId: query.collectionId,
      dateAdded: row.last,
      seq: row.last_seq,
      entry: 'added',
    });
    return { ...page, more: true, next };
  }
}
