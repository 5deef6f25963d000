/** The column list every version read uses, and the mapping of a raw result row to a FeedRow. */
import type { FeedRow } from '../page-collector.js';
import type { RowMetaDictionary } from './row-meta.js';

/**
 * Columns (after seq, the entry's dateAdded and its kind 0 added / 1 released) in raw mode.
 * Kept few on purpose: reading a page costs mostly per column. `v` aliases versions.
 */
export const VERSION_COLUMNS = 'v.stix_id, v.version, v.json, v.meta_id, v.flags';

/** Column list of an `added` entry read straight from versions. */
export const ADDED_ENTRY_COLUMNS = `v.seq, v.date_added, 0, ${VERSION_COLUMNS}`;

/** A row as better-sqlite3 returns it in raw mode with the columns above. */
export type RawRow = readonly [
  seq: number,
  dateAdded: number,
  kind: number,
  stixId: string,
  version: string,
  json: string,
  metaId: number,
  flags: number,
];

/** Bits of versions.flags. */
export const LATEST = 1;
export const FIRST = 2;
/** The object has granular markings (set at insert; migration 4 set it for older rows). */
export const GRANULAR = 4;

/** Maps a raw row of `collectionId` to a FeedRow (also a StoredObject), resolving row_meta through the dictionary. */
export function toFeedRow(raw: RawRow, collectionId: string, dictionary: RowMetaDictionary): FeedRow {
  const meta = dictionary.get(raw[6]);
  const flags = raw[7];
  return {
    seq: raw[0],
    collectionId,
    id: raw[3],
    type: meta.type,
    version: raw[4],
    specVersion: meta.specVersion,
    dateAdded: raw[1],
    entry: raw[2] === 0 ? 'added' : 'released',
    producerOrg: meta.producerOrg,
    origin: meta.origin,
    markingRefs: meta.markingRefs,
    json: raw[5],
    granular: (flags & GRANULAR) !== 0,
    isLatest: (flags & LATEST) !== 0,
    isFirst: (flags & FIRST) !== 0,
  };
}
