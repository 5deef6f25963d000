/** Reads versions: the paged feed query, every version of an id, and rows by marking. */
import type Database from 'better-sqlite3';
import { CursorCodec } from '../cursor.js';
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
import { collectPage, collectPageRows, type FeedCursor } from '../page-collector.js';
import { StoreError } from '../store-error.js';
import { BodyReader } from './body-reader.js';
import { FeedStatements } from './feed-source.js';
import { GranularViewTable } from './granular-view-table.js';
import { HiddenMetas } from './hidden-metas.js';
import { ADDED_ENTRY_COLUMNS, entryColumns, type RawRow, toStoredObject } from './row-mapping.js';
import type { RowMetaDictionary } from './row-meta.js';

// Each value is bound twice (added and released entries); SQLite allows 32766 parameters.
const MAX_FILTER_VALUES = 10_000;

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

/** Prepared read statements of one connection. */
export class VersionReader {
  readonly #feed: FeedStatements;
  readonly #body: BodyReader;
  readonly #dictionary: RowMetaDictionary;
  readonly #cursors: CursorCodec;
  readonly #hidden: HiddenMetas;
  readonly #s;

  constructor(db: Database.Database, dictionary: RowMetaDictionary) {
    this.#dictionary = dictionary;
    // The node's cursor key (migration 8): cursors stay valid across processes and restarts.
    const key = db
      .prepare("SELECT value FROM node_settings WHERE name = 'cursor_key'")
      .pluck()
      .get() as Buffer;
    this.#cursors = new CursorCodec(key);
    this.#feed = new FeedStatements(db, dictionary, new GranularViewTable(db));
    this.#hidden = new HiddenMetas(dictionary);
    this.#body = new BodyReader(db, dictionary, this.#cursors);
    this.#s = {
      versions: db
        .prepare(
          `SELECT ${ADDED_ENTRY_COLUMNS} FROM versions AS v WHERE v.collection = ? AND v.stix_id = ?` +
            ' ORDER BY v.version_key, v.seq',
        )
        .raw(),
      owners: db
        .prepare(
          'SELECT j.value, (SELECT producer FROM versions WHERE collection = ? AND stix_id = j.value' +
            ' AND contested = 0 LIMIT 1) AS producer FROM json_each(?) AS j WHERE producer IS NOT NULL',
        )
        .raw(),
      byMarking: db
        .prepare(
          `SELECT ${ADDED_ENTRY_COLUMNS}, v.collection FROM version_markings AS m JOIN versions AS v ON v.seq = m.seq` +
            ' WHERE m.marking_id = ? ORDER BY v.seq',
        )
        .raw(),
    };
  }

  /** See Store.queryObjects. */
  query<T>(query: ObjectQuery, view: View<T>, classOf?: (facts: MarkingFacts) => RowClass): Page<T> {
    checkQuery(query);
    const source = this.#feed.source(query, classOf === undefined ? undefined : this.#hidden.of(classOf));
    return collectPage(query, startOf(query, this.#cursors), source, view, this.#cursors);
  }

  /** See Store.queryObjectsBody. */
  body<T>(query: ObjectQuery, view: BodyView<T>): BodyPage<T> {
    checkQuery(query);
    const start = startOf(query, this.#cursors);
    return this.#body.page(query, start, view, () =>
      collectPageRows(
        query,
        start,
        this.#feed.source(query, this.#hidden.of(view.classOf)),
        view.view,
        this.#cursors,
      ),
    );
  }

  /** See Store.getVersions. */
  versions(collectionId: string, id: string): StoredObject[] {
    const rows = this.#s.versions.all(collectionId, id) as RawRow[];
    return rows.map((raw) => toStoredObject(raw, collectionId, this.#dictionary));
  }

  /** See Store.getOwners. */
  owners(collectionId: string, ids: readonly string[]): Map<string, string> {
    const rows = this.#s.owners.all(collectionId, JSON.stringify(ids)) as [string, string][];
    return new Map(rows);
  }

  /** See Store.findByMarking. */
  byMarking(markingId: string): StoredObject[] {
    const rows = this.#s.byMarking.all(markingId) as [...RawRow, string][];
    return rows.map((raw) => toStoredObject(entryColumns(raw), raw[4], this.#dictionary));
  }
}
