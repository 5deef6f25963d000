/**
 * What the TAXII routes need from the node, in domain terms. taxii/ holds no business rules:
 * the composition root (server/) passes an implementation built from core/'s use cases.
 */

import type { VisibleEntry } from '../../policy/index.js';
import type { DuplicateKey, Micros } from '../../stix/index.js';
import type { CollectionRecord, ObjectFilters, Page, Role, StatusRecord } from '../../store/index.js';

/** The authenticated client of a request. */
export interface TaxiiCaller {
  readonly username: string;
  readonly orgId: string;
  readonly identityId: string;
  readonly role: Role;
}

/** A collection with the caller's permissions on it (section 5.2.1 `can_read`, `can_write`). */
export interface CollectionAccess {
  readonly collection: CollectionRecord;
  readonly canRead: boolean;
  readonly canWrite: boolean;
}

export type { ObjectFilters, VisibleEntry };

/** A page of objects as the UTF-8 JSON texts of its items joined by commas. */
export interface ObjectsBody {
  readonly body: Buffer;
  readonly count: number;
  readonly more: boolean;
  readonly next?: string;
  readonly firstDateAdded?: Micros;
  readonly lastDateAdded?: Micros;
}

/** The node's operations behind the TAXII endpoints; failures are thrown as domain errors. */
export interface TaxiiBackend {
  /** Authenticates an Authorization header from a client address. */
  authenticate(authorization: string | undefined, ip: string): Promise<TaxiiCaller>;
  /** Collections the caller may read or write, in a stable order (section 3.3). */
  listCollections(caller: TaxiiCaller): Promise<readonly CollectionAccess[]>;
  /** One collection the caller may read or write (else a not-found error). */
  getCollection(caller: TaxiiCaller, collectionId: string): Promise<CollectionAccess>;
  /** Objects (or manifest entries) of a readable collection, filtered and paged. */
  queryObjects(
    caller: TaxiiCaller,
    collectionId: string,
    filters: ObjectFilters,
    purpose: 'objects' | 'manifest',
  ): Promise<Page<VisibleEntry>>;
  /** The versions of one object of a readable collection, filtered and paged (section 5.6). */
  getObject(
    caller: TaxiiCaller,
    collectionId: string,
    objectId: string,
    filters: ObjectFilters,
  ): Promise<Page<VisibleEntry>>;
  /** The objects of a readable collection as one body, filtered and paged (section 5.4). */
  queryObjectsBody(caller: TaxiiCaller, collectionId: string, filters: ObjectFilters): Promise<ObjectsBody>;
  /** Stores the objects of an envelope; resolves with the complete status once committed. */
  /** `duplicateKeys`: the objects (by index) the envelope's text gave a key twice; they are refused. */
  addObjects(
    caller: TaxiiCaller,
    collectionId: string,
    objects: readonly unknown[],
    duplicateKeys?: ReadonlyMap<number, DuplicateKey>,
  ): Promise<StatusRecord>;
  /** Deletes the caller-visible versions of an object that the filters select. */
  deleteObject(
    caller: TaxiiCaller,
    collectionId: string,
    objectId: string,
    filters: ObjectFilters,
  ): Promise<void>;
  /** A status resource owned by the caller's organisation. */
  getStatus(caller: TaxiiCaller, statusId: string): Promise<StatusRecord>;
}
