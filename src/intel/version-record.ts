/**
 * What intel/ reads: versions of STIX objects as a reader may see them, each with its producer.
 * The producer is the store's fact about the version (the organisation that added it, or that
 * created it on its home node), never the object's `created_by_ref` (CONTRACT.md, Node
 * administration).
 */

import type { Micros, ValidatedObject } from '../stix/index.js';

/** One version of one object, with the identity id of the organisation that produced it. */
export interface VersionRecord {
  /** The version as the reader sees it, typed by validation: narrow it on `type`. */
  readonly object: ValidatedObject;
  /** Identity id (`identity--…`) of the producing organisation. */
  readonly producer: string;
  /** When this node stored the version (date_added), for `asOf` with basis `received`. */
  readonly addedAt?: Micros;
}

/**
 * "As of" a past instant: only versions that existed then count. Basis `version` (default): by
 * the version's own timestamp (`modified`, else `created`), the same on every node; basis
 * `received`: by when this node stored it (`addedAt`; a record without it counts by its version).
 */
export interface AsOf {
  readonly at: Micros;
  readonly basis?: 'version' | 'received';
}

/** Which versions a reading considers: a visibility filter and a point in time. */
export interface ReadingOptions {
  /** Whether the reader may see a version; absent: every record given may be seen. */
  readonly sees?: (record: VersionRecord) => boolean;
  readonly asOf?: AsOf;
}
