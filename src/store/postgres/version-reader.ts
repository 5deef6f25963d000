/**
 * Reads versions on PostgreSQL: the paged feed query through collectPageRowsAsync (a bounded
 * number of statements per page), every version of an id, owners, and rows by marking.
 */
import type pg from 'pg';
import { bodyOfCollected } from '../body-page.js';
import type { CursorCodec } from '../cursor.js';
import type {
  BodyPage,
  BodyView,
  MarkingFacts,
  ObjectQuery,
  Page,
  RowClass,
  StoredObject,
  View,
} from '../objects.js';
import {
  type CollectedPage,
  collectPageRowsAsync,
  type FeedCursor,
  startPosition,
} from '../page-collector.js';
import { StoreError } from '../store-error.js';
import { BodyReader } from './body-reader.js';
import { feedSource } from './feed-source.js';
import { ADDED_ENTRY_COLUMNS, metaIdsOf, type RawRow, toStoredObject } from './row-mapping.js';
import type { RowMetaDictionary } from './row-meta.js';

// The same bound as SQLite's, so that both backends accept and refuse the same queries.
const MAX_FILTER_VALUES = 10_000;

type ClassOf = (facts: MarkingFacts) => RowClass;

function startOf(query: ObjectQuery, cursors: CursorCodec): FeedCursor | undefined {
  if (query.cursor === undefined) return undefined;
  const position = cursors.decode(query.cursor);
  if (position.collectionId !== query.collectionId) {
    throw new StoreError('STORE_CURSOR_MISMATCH', 'the paging cursor belongs to another collection');
  }
  return { dateAdded: position.dateAdded, seq: position.seq, kind: position.entry === 'added' ? 0 : 1 };
}

function checkQuery(query: ObjectQuery): void {
  if (!Number.isSafeInteger(query.limit) || query.limit < 1) {
    throw new StoreError('STORE_INVALID_QUERY', `limit must be a positive integer, got ${query.limit}`);
  }
  const values = (query.ids?.length ?? 0) + (query.types?.length ?? 0) + (query.specVersions?.length ?? 0);
  if (values > MAX_FILTER_VALUES) {
    throw new StoreError('STORE_INVALID_QUERY', `at most ${MAX_FILTER_VALUES} filter values, got ${values}`);
  }
}

/** Reads of one store. */
export class VersionReader {
  readonly #pool: pg.Pool;
  readonly #dictionary: RowMetaDictionary;
  readonly #cursors: CursorCodec;
  readonly #bulk: BodyReader;
  /** Hidden combinations per class function (a policy hands out one per reader while its answers hold). */
  readonly #hidden = new WeakMap<ClassOf, { count: number; hidden: number[] }>();

  constructor(pool: pg.Pool, dictionary: RowMetaDictionary, cursors: CursorCodec) {
    this.#pool = pool;
    this.#dictionary = dictionary;
    this.#cursors = cursors;
    this.#bulk = new BodyReader(pool, dictionary, cursors);
  }

  /** The combinations whose added entries without granular markings `classOf` hides. */
  async #hiddenOf(classOf: ClassOf | undefined): Promise<number[] | undefined> {
    if (classOf === undefined) return undefined;
    const ids = await this.#dictionary.ids();
    const entry = this.#hidden.get(classOf) ?? { count: 0, hidden: [] };
    // Combinations are never changed or removed: only those added since are classified.
    for (let i = entry.count; i < ids.length; i++) {
      const id = ids[i] as number;
      if (classOf(this.#dictionary.get(id)).kind === 'hiddenUnlessGranular') entry.hidden.push(id);
    }
    entry.count = ids.length;
    this.#hidden.set(classOf, entry);
    return entry.hidden;
  }

  async #collect<T>(query: ObjectQuery, view: View<T>, classOf?: ClassOf): Promise<CollectedPage<T>> {
    checkQuery(query);
    const start = startOf(query, this.#cursors);
    const source = feedSource(this.#pool, this.#dictionary, query, await this.#hiddenOf(classOf));
    return collectPageRowsAsync(query, start, source, view, this.#cursors);
  }

  /** See Store.queryObjects. */
  async query<T>(query: ObjectQuery, view: View<T>, classOf?: ClassOf): Promise<Page<T>> {
    const { rows: _, ...page } = await this.#collect(query, view, classOf);
    return page;
  }

  /** See Store.queryObjectsBody: in bulk when the reader sees every row as stored, else row by row. */
  async body<T>(query: ObjectQuery, view: BodyView<T>): Promise<BodyPage<T>> {
    checkQuery(query);
    const from = startPosition(query, startOf(query, this.#cursors));
    const bulk = await this.#bulk.read(query, from, view);
    if (bulk !== undefined) return bulk;
    return bodyOfCollected(await this.#collect(query, view.view, view.classOf), view);
  }

  async #stored(sql: string, values: unknown[], collection?: string): Promise<StoredObject[]> {
    const { rows } = await this.#pool.query<RawRow>({ text: sql, values, rowMode: 'array' });
    await this.#dictionary.load(metaIdsOf(rows));
    return rows.map((raw) => toStoredObject(raw, collection ?? (raw[12] as string), this.#dictionary));
  }

  /** See Store.getVersions. */
  versions(collectionId: string, id: string): Promise<StoredObject[]> {
    return this.#stored(
      `SELECT ${ADDED_ENTRY_COLUMNS} FROM versions AS v WHERE v.collection = $1 AND v.stix_id = $2` +
        ' ORDER BY v.version_key, v.seq',
      [collectionId, id],
      collectionId,
    );
  }

  /** See Store.findByMarking. */
  byMarking(markingId: string): Promise<StoredObject[]> {
    return this.#stored(
      `SELECT ${ADDED_ENTRY_COLUMNS}, v.collection FROM version_markings AS m JOIN versions AS v ON v.seq = m.seq` +
        ' WHERE m.marking_id = $1 ORDER BY v.seq',
      [markingId],
    );
  }

  /** See Store.getOwners. */
  async owners(collectionId: string, ids: readonly string[]): Promise<Map<string, string>> {
    const { rows } = await this.#pool.query<{ stix_id: string; producer: string }>(
      'SELECT DISTINCT ON (stix_id) stix_id, producer FROM versions' +
        ' WHERE collection = $1 AND stix_id = ANY($2) AND NOT contested ORDER BY stix_id, producer',
      [collectionId, [...ids]],
    );
    return new Map(rows.map((r) => [r.stix_id, r.producer]));
  }
}
