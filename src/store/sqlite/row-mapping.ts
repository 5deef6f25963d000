/** The column list every version read uses, and the mapping of a raw result row to a FeedRow. */

import { asMicros, type Micros } from '../../stix/index.js';
import type { GranularViews, StoredObject } from '../objects.js';
import type { FeedRow } from '../page-collector.js';
import type { RowMeta, RowMetaDictionary } from './row-meta.js';

/**
 * A read costs mostly per column handed to JavaScript, not per byte, so a row comes back as
 * four values: seq, the entry's dateAdded, one integer packing meta_id, flags and the entry kind,
 * and one text joining stix_id, version and json with spaces. Neither a STIX id nor a version
 * (a timestamp) contains a space, so the first two spaces split the text unambiguously.
 */
const ENTRY_TEXT = "v.stix_id || ' ' || v.version || ' ' || v.json";
/** meta_id above six bits: five of flags (shifted by one) and, lowest, the entry kind. */
const META_SHIFT = 64;
const PACKED = `v.meta_id * ${META_SHIFT} + (v.is_latest + v.is_first * 2 + v.has_granular * 4 + v.has_views * 8 + v.contested * 16) * 2`;

/** Columns of an `added` entry read from versions (aliased `v`). */
export const ADDED_ENTRY_COLUMNS = `v.seq, v.date_added, ${PACKED}, ${ENTRY_TEXT}`;

/** Columns of a `released` entry: releases (aliased `r`) joined with versions (`v`). */
export const RELEASED_ENTRY_COLUMNS = `r.seq, r.release_at, ${PACKED} + 1, ${ENTRY_TEXT}`;

/** A row as better-sqlite3 returns it in raw mode with the columns above. */
export type RawRow = readonly [seq: number, dateAdded: number, packed: number, text: string];

/** Bits of the five boolean columns of versions as the read packs them (this file's format alone). */
export const LATEST = 1;
export const FIRST = 2;
/** The object has granular markings (set at insert; migration 4 set it for older rows). */
export const GRANULAR = 4;
/** The version was stored with its granular views (its row in granular_views). */
export const VIEWS = 8;
/** Another producer owns the version's id here: only its producer sees it (DESIGN.md, Trust). */
export const CONTESTED = 16;

/** The four entry columns of a row that has more after them. */
export function entryColumns(raw: readonly [...RawRow, ...unknown[]]): RawRow {
  return [raw[0], raw[1], raw[2], raw[3]];
}

/** The same row as a released entry at `releaseAt`. */
export function asReleased(raw: RawRow, releaseAt: number): RawRow {
  return [raw[0], releaseAt, raw[2] | 1, raw[3]];
}

/**
 * A feed row over its raw values: the text is split only when id, version or json is asked for
 * (a page of objects needs json, a manifest id and version), and the meta facts are read through.
 */
class VersionRow implements FeedRow {
  readonly seq: number;
  readonly collectionId: string;
  readonly dateAdded: Micros;
  readonly entry: 'added' | 'released';
  readonly granular: boolean;
  readonly contested: boolean;
  readonly isLatest: boolean;
  readonly isFirst: boolean;
  readonly granularViews: GranularViews | undefined;
  readonly #meta: RowMeta;
  readonly #text: string;
  #versionEnd = -1;

  constructor(raw: RawRow, collectionId: string, meta: RowMeta, views?: GranularViews) {
    const packed = raw[2];
    this.seq = raw[0];
    this.collectionId = collectionId;
    this.dateAdded = asMicros(raw[1]);
    this.entry = (packed & 1) === 0 ? 'added' : 'released';
    this.granular = (packed & (GRANULAR << 1)) !== 0;
    this.contested = (packed & (CONTESTED << 1)) !== 0;
    this.isLatest = (packed & (LATEST << 1)) !== 0;
    this.isFirst = (packed & (FIRST << 1)) !== 0;
    this.#meta = meta;
    this.#text = raw[3];
    this.granularViews = views;
  }

  get type(): string {
    return this.#meta.type;
  }
  get specVersion(): string {
    return this.#meta.specVersion;
  }
  get producerOrg(): string {
    return this.#meta.producerOrg;
  }
  get origin(): string {
    return this.#meta.origin;
  }
  get markingRefs(): readonly string[] {
    return this.#meta.markingRefs;
  }
  get id(): string {
    return this.#text.slice(0, this.#text.indexOf(' '));
  }
  get version(): string {
    return this.#text.slice(this.#text.indexOf(' ') + 1, this.#end());
  }
  get json(): string {
    return this.#text.slice(this.#end() + 1);
  }

  #end(): number {
    if (this.#versionEnd < 0) this.#versionEnd = this.#text.indexOf(' ', this.#text.indexOf(' ') + 1);
    return this.#versionEnd;
  }
}

function rowOf(
  raw: RawRow,
  collectionId: string,
  dictionary: RowMetaDictionary,
  views?: GranularViews,
): VersionRow {
  return new VersionRow(raw, collectionId, dictionary.get(Math.floor(raw[2] / META_SHIFT)), views);
}

/** Was the row's version stored with granular views? */
export function hasViews(raw: RawRow): boolean {
  return (raw[2] & (VIEWS << 1)) !== 0;
}

/**
 * Maps a raw row of `collectionId` to a FeedRow (also a StoredObject), resolving row_meta
 * through the dictionary; `views` are the version's granular views, when loaded.
 */
export function toFeedRow(
  raw: RawRow,
  collectionId: string,
  dictionary: RowMetaDictionary,
  views?: GranularViews,
): FeedRow {
  return rowOf(raw, collectionId, dictionary, views);
}

/** The same as toFeedRow, as a plain object (for results handed out of the store as data). */
export function toStoredObject(
  raw: RawRow,
  collectionId: string,
  dictionary: RowMetaDictionary,
): StoredObject {
  const row = rowOf(raw, collectionId, dictionary);
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
    granular: row.granular,
    contested: row.contested,
  };
}
