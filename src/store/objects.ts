/**
 * The objects port of the store: collections, object versions and their feed. Backends store
 * and order; they never decide visibility: reads take a `view` (and the classes agreeing with
 * it) from the caller's plan (policy/) that turns a stored row into what the reader may see.
 */

import type { Micros } from '../stix/index.js';

/** Microseconds since the Unix epoch (UTC), stix/'s one instant type; TAXII `date_added` precision. */
export type { Micros };

/** A collection and its access lists (organisation slugs, or `*` for every organisation). */
export interface CollectionRecord {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly alias?: string;
  readonly canRead: readonly string[];
  readonly canWrite: readonly string[];
  readonly mediaTypes: readonly string[];
}

/** A collection's access lists: organisation slugs, or `*` for every organisation. */
export interface CollectionAccessLists {
  readonly canRead: readonly string[];
  readonly canWrite: readonly string[];
}

/**
 * How a stored version reaches readers. `added` is the version as ingested; `released` is the
 * second entry of an embargoed version, positioned at the embargo's release time so that TAXII
 * pollers who paged past the original entry still receive it (DESIGN.md, Visibility).
 */
export type EntryKind = 'added' | 'released';

/** One version of one object in one collection, seen through one feed entry. */
export interface StoredObject {
  /** Store-assigned row number of the version (stable, unique per store). */
  readonly seq: number;
  readonly collectionId: string;
  readonly id: string;
  readonly type: string;
  /** `modified`, else `created`, else the ISO form of the first date_added. */
  readonly version: string;
  readonly specVersion: string;
  /** The entry's position in the collection's feed (server clock, strictly increasing for `added`). */
  readonly dateAdded: Micros;
  readonly entry: EntryKind;
  /** Organisation (slug) of the user or peer that added it; never taken from `created_by_ref`. */
  readonly producerOrg: string;
  /** `local`, or `peer:NAME` for versions received from a federation peer. */
  readonly origin: string;
  /**
   * The version names an id another organisation owns in this collection (its producer is not
   * the owner's): core stored it for its producer alone (DESIGN.md, Trust).
   */
  readonly contested?: boolean;
  /** Every marking-definition id the object references (object and granular markings). */
  readonly markingRefs: readonly string[];
  /**
   * Whether the object has granular markings, when the backend knows it (so readers need not
   * search the text); undefined means "look at the object".
   */
  readonly granular?: boolean;
  /** The object itself, exactly as stored. */
  readonly json: string;
  /**
   * The version's granular views, when it was stored with them and the read loads them (feed
   * reads do); undefined means "work it out from the object".
   */
  readonly granularViews?: GranularViews | undefined;
}

/**
 * What a version with granular markings shows for each set of denying granular marking refs,
 * worked out by the policy when the version is stored (the store keeps it as data).
 */
export interface GranularViews {
  /** The object's object_marking_refs. */
  readonly objectRefs: readonly string[];
  /** Its distinct granular marking refs; bit i of a view's mask stands for the i-th. */
  readonly granularRefs: readonly string[];
  /** One view per mask, 0 to 2^granularRefs.length - 1, in mask order. */
  readonly views: readonly GranularView[];
}

/** What the version shows when exactly the granular refs of `mask` deny. */
export type GranularView =
  | { readonly outcome: 'hidden' }
  | { readonly outcome: 'visible' }
  | {
      readonly outcome: 'redacted';
      /** The redacted object's canonical JSON. */
      readonly json: string;
      /** The marking refs the redacted object still references (object and granular). */
      readonly markingRefs: readonly string[];
    };

/** A version to store. */
export interface NewVersion {
  readonly object: Readonly<Record<string, unknown>>;
  readonly producerOrg: string;
  readonly origin: string;
  /**
   * Store it for its producer alone: another organisation owns the id here. Versions of one id
   * form one chain per producer (duplicates are found within the producer's chain only), and the
   * latest/first flags of the owner's chain ignore contested versions.
   */
  readonly contested?: boolean;
  /** spec_version of an object that does not state one (objects of a STIX 2.0 bundle); default 2.1. */
  readonly specVersion?: string;
  /** The object's granular views (policy `granularViewsOf`), kept with the version. */
  readonly granularViews?: GranularViews | undefined;
}

/** Outcome for one NewVersion, in input order. `duplicate` = same id and version already stored. */
export type AddOutcome =
  | { readonly status: 'stored'; readonly seq: number; readonly dateAdded: Micros; readonly version: string }
  | {
      readonly status: 'duplicate';
      readonly seq: number;
      readonly dateAdded: Micros;
      readonly version: string;
      readonly sameContent: boolean;
    };

/** Which versions of each object a query returns (TAXII 2.1 section 3.4.1, `match[version]`). */
export type VersionSelector =
  | { readonly kind: 'last' }
  | { readonly kind: 'first' }
  | { readonly kind: 'all' }
  /** Any combination of first, last and exact version strings. */
  | {
      readonly kind: 'set';
      readonly first: boolean;
      readonly last: boolean;
      readonly exact: readonly string[];
    };

/** Filters of TAXII 2.1 section 3.4, in domain terms. Empty or absent lists mean "no filter". */
export interface ObjectQuery {
  readonly collectionId: string;
  readonly ids?: readonly string[];
  readonly types?: readonly string[];
  readonly specVersions?: readonly string[];
  readonly versions?: VersionSelector;
  /** Only entries with dateAdded strictly greater than this. */
  readonly addedAfter?: Micros;
  /** Continue after the last entry of a previous page. */
  readonly cursor?: Cursor;
  readonly limit: number;
  /** Entries with dateAdded after this are not yet visible (embargo release entries in the future). */
  readonly now: Micros;
}

/** The filters of TAXII 2.1 section 3.4 a reader asks for: the query without what the node adds. */
export type ObjectFilters = Omit<ObjectQuery, 'collectionId' | 'now'>;

/** Opaque position in a collection's feed; encode/decode with the helpers in cursor.ts. */
export type Cursor = string & { readonly __cursor: unique symbol };

/** A page of results in feed order. */
export interface Page<T> {
  readonly items: readonly T[];
  /** True when more visible items exist after this page. */
  readonly more: boolean;
  /** Cursor to pass back for the next page, when `more`. */
  readonly next?: Cursor;
}

/**
 * Turns a stored row into what the reader may see, or `undefined` when the reader may not see
 * it at all. Stores call it for every candidate row, so hidden rows count nowhere (limit, more,
 * `last`/`first` version selection).
 */
export type View<T> = (row: StoredObject) => T | undefined;

/**
 * What a reader may see of every row of one marking combination, as the policy decides it, so
 * that a store can serve rows without asking the view about each one:
 * `shown` — every `added` entry is seen exactly as stored; `shownUnlessGranular` /
 * `hiddenUnlessGranular` — the same, or hidden, when the version has no granular markings;
 * `ask` — the view decides each row. `audited`: reads of these rows are recorded.
 */
export interface RowClass {
  readonly kind: 'shown' | 'shownUnlessGranular' | 'hiddenUnlessGranular' | 'ask';
  readonly audited: boolean;
}

/** The marking facts a RowClass is decided from. */
export interface MarkingFacts {
  readonly producerOrg: string;
  readonly origin: string;
  readonly markingRefs: readonly string[];
}

/**
 * A view for reads that go out as JSON text (the objects endpoint): the classes, the view, and
 * the text of what the view returns. The classes must agree with `view`. A store may serve an
 * `added` entry without the view only when its class is `shown` and not `audited` (it then goes
 * out as stored, and nothing about it is recorded).
 */
export interface BodyView<T> {
  readonly classOf: (facts: MarkingFacts) => RowClass;
  readonly view: View<T>;
  readonly textOf: (value: T) => string;
}

/** A page of objects as the UTF-8 JSON texts of its items joined by commas (no brackets). */
export interface BodyPage<T> {
  readonly body: Buffer;
  readonly count: number;
  readonly more: boolean;
  readonly next?: Cursor;
  /** dateAdded of the first and last item (absent when the page is empty). */
  readonly firstDateAdded?: Micros;
  readonly lastDateAdded?: Micros;
  /** Every item the view returned, in page order (the caller records the reads it must). */
  readonly viewed: readonly T[];
}

/** Collections, object versions and the feed of each collection. */
export interface ObjectStore {
  addCollection(collection: CollectionRecord): Promise<void>;
  getCollection(id: string): Promise<CollectionRecord | undefined>;
  /** In a stable order (TAXII 2.1 section 3.3). */
  listCollections(): Promise<readonly CollectionRecord[]>;
  /**
   * Replaces a collection's access lists (`collection grant|revoke`); the next request of every
   * process sharing the store decides with them. False when there is no such collection.
   */
  setCollectionAccess(id: string, access: CollectionAccessLists): Promise<boolean>;
  /** How many object versions the node stores, in every collection (`accord_objects_stored_total`). */
  countVersions(): Promise<number>;

  /**
   * Stores versions in one transaction: when the promise resolves they are durable (committed).
   * date_added is assigned by the server clock, strictly increasing within the collection.
   */
  addVersions(collectionId: string, versions: readonly NewVersion[]): Promise<readonly AddOutcome[]>;
  /**
   * Adds the `released` entry of an embargoed version (idempotent) at the release time, or later
   * when another entry of the collection has that date_added or the feed has passed it.
   */
  addReleaseEntry(seq: number, releaseAt: Micros): Promise<void>;
  /** Rows (`added` entries) in any collection that reference a marking definition. */
  findByMarking(markingId: string): Promise<readonly StoredObject[]>;

  /**
   * Objects endpoint and manifest: filtered, version-selected, viewed, paged in feed order, in
   * a bounded number of queries per page whatever the backend. `classOf`, when given, must
   * agree with `view`: rows of combinations it hides are skipped without being read (the page
   * then costs what it returns, not the hidden rows before it).
   */
  queryObjects<T>(
    query: ObjectQuery,
    view: View<T>,
    classOf?: (facts: MarkingFacts) => RowClass,
  ): Promise<Page<T>>;
  /**
   * The same page as queryObjects with `view.view`, as one body of JSON texts: rows whose class
   * decides them never reach JavaScript one by one.
   */
  queryObjectsBody<T>(query: ObjectQuery, view: BodyView<T>): Promise<BodyPage<T>>;
  /** Every `added` entry of one object id in a collection, oldest version first. */
  getVersions(collectionId: string, id: string): Promise<readonly StoredObject[]>;
  /**
   * The producer of the uncontested versions of each id that has some in the collection (the
   * owner of an id with a `modified` or `created`), in one lookup for a batch.
   */
  getOwners(collectionId: string, ids: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Deletes the given versions (or all) of an object; returns how many were removed. */
  deleteObject(collectionId: string, id: string, versions?: readonly string[]): Promise<number>;
}
