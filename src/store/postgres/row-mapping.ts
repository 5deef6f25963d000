/** The columns every version read selects, and the mapping of a result row to a FeedRow or StoredObject. */
import { asMicros } from '../../stix/index.js';
import type { StoredObject } from '../objects.js';
import type { FeedRow } from '../page-collector.js';
import { unpackViews } from '../sqlite/granular-view-table.js';
import type { RowMetaDictionary } from './row-meta.js';

/** Columns after the entry's instant and kind, from versions aliased `v`. */
const VERSION_COLUMNS =
  'v.meta_id, v.is_latest, v.is_first, v.has_granular, v.contested, v.views, v.stix_id, v.version, v.json';

/** An `added` entry's columns. */
export const ADDED_ENTRY_COLUMNS = `v.seq, v.date_added, 0 AS kind, ${VERSION_COLUMNS}`;

/** A `released` entry's columns: releases aliased `r` joined with versions `v`. */
export const RELEASED_ENTRY_COLUMNS = `v.seq, r.release_at, 1 AS kind, ${VERSION_COLUMNS}`;

/** A row as pg returns it in array mode with the columns above. */
export type RawRow = [
  seq: number,
  dateAdded: number,
  kind: number,
  metaId: number,
  isLatest: boolean,
  isFirst: boolean,
  granular: boolean,
  contested: boolean,
  views: string | null,
  id: string,
  version: string,
  json: string,
  ...more: unknown[],
];

/** The meta ids of rows, to load into the dictionary before mapping them. */
export function metaIdsOf(rows: readonly RawRow[]): number[] {
  return rows.map((r) => r[3]);
}

/** Maps a row of `collectionId` to a FeedRow (also a StoredObject); its meta id must be loaded. */
export function toFeedRow(raw: RawRow, collectionId: string, dictionary: RowMetaDictionary): FeedRow {
  const meta = dictionary.get(raw[3]);
  return {
    seq: raw[0],
    collectionId,
    id: raw[9],
    type: meta.type,
    version: raw[10],
    specVersion: meta.specVersion,
    dateAdded: asMicros(raw[1]),
    entry: raw[2] === 0 ? 'added' : 'released',
    producerOrg: meta.producerOrg,
    origin: meta.origin,
    contested: raw[7],
    markingRefs: meta.markingRefs,
    granular: raw[6],
    json: raw[11],
    granularViews: raw[8] === null ? undefined : unpackViews(raw[8]),
    isLatest: raw[4],
    isFirst: raw[5],
  };
}

/** The same row as a released entry at `releaseAt`. */
export function asReleased(raw: RawRow, releaseAt: number): RawRow {
  const copy = [...raw] as RawRow;
  copy[1] = releaseAt;
  copy[2] = 1;
  return copy;
}

/** A row as a plain StoredObject (results handed out of the store as data: no views, no flags). */
export function toStoredObject(
  raw: RawRow,
  collectionId: string,
  dictionary: RowMetaDictionary,
): StoredObject {
  const row = toFeedRow(raw, collectionId, dictionary);
  return {
    seq: row.seq,
    collectionId,
    id: row.id,
    type: row.type,
    version: row.version,
    specVersion: row.specVersion,
    dateAdded: row.dateAdded,
    entry: row.entry,
    producerOrg: row.producerOrg,
    origin: row.origin,
    markingRefs: row.markingRefs,
    json: row.json,
    granular: raw[6],
    contested: raw[7],
  };
}
