import type { DuplicateKey } from '../../stix/index.js';
/** TAXII 2.1 resources as the client returns them: the spec's wire shapes (snake_case), read-only. */

/** A STIX object (or any JSON object) carried in an envelope. */
export type TaxiiObject = Readonly<Record<string, unknown>>;

/** Discovery resource (TAXII 2.1 section 4.1.1); `api_roots` are resolved to absolute URLs. */
export interface Discovery {
  readonly title: string;
  readonly description?: string;
  readonly contact?: string;
  readonly default?: string;
  readonly api_roots: readonly string[];
}

/** API root resource (section 4.2.1). */
export interface ApiRootInfo {
  readonly title: string;
  readonly description?: string;
  readonly versions: readonly string[];
  readonly max_content_length: number;
}

/** Collection resource (section 5.2.1). */
export interface CollectionInfo {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly alias?: string;
  readonly can_read: boolean;
  readonly can_write: boolean;
  readonly media_types?: readonly string[];
}

/** The X-TAXII-Date-Added-First/-Last headers of a paged response (section 3.2), when sent. */
export interface DateAddedRange {
  readonly dateAddedFirst?: string;
  readonly dateAddedLast?: string;
}

/** One page of an envelope (section 3.7) with the response's date headers. */
export interface EnvelopePage extends DateAddedRange {
  readonly objects: readonly TaxiiObject[];
  readonly more: boolean;
  readonly next?: string;
  /**
   * The objects (by index) whose text had a key twice: their parsed value holds only the last
   * one, where their sender may have meant the first (STIX 2.1 section 2.3). Refuse them.
   */
  readonly duplicateKeys?: ReadonlyMap<number, DuplicateKey>;
}

/** Manifest record (section 5.3.1). */
export interface ManifestRecord {
  readonly id: string;
  readonly date_added: string;
  readonly version: string;
  readonly media_type?: string;
}

/** One page of a manifest resource (section 5.3.1) with the response's date headers. */
export interface ManifestPage extends DateAddedRange {
  readonly objects: readonly ManifestRecord[];
  readonly more: boolean;
  readonly next?: string;
}

/** One page of a versions resource (section 5.8.1) with the response's date headers. */
export interface VersionsPage extends DateAddedRange {
  readonly versions: readonly string[];
  readonly more: boolean;
  readonly next?: string;
}

/** status-details (section 4.3.1). */
export interface StatusDetails {
  readonly id: string;
  readonly version: string;
  readonly message?: string;
}

/** Status resource (section 4.3.1); absent lists are given as empty lists. */
export interface TaxiiStatus {
  readonly id: string;
  readonly status: 'pending' | 'complete';
  readonly request_timestamp?: string;
  readonly total_count: number;
  readonly success_count: number;
  readonly successes: readonly StatusDetails[];
  readonly failure_count: number;
  readonly failures: readonly StatusDetails[];
  readonly pending_count: number;
  readonly pendings: readonly StatusDetails[];
}

/** Filters of section 3.4 for objects, manifest, object and versions requests; lists are ORed. */
export interface ObjectFilter {
  readonly addedAfter?: string;
  readonly limit?: number;
  readonly next?: string;
  readonly ids?: readonly string[];
  readonly types?: readonly string[];
  /** `last`, `first`, `all` or exact version timestamps (section 3.4.1). */
  readonly versions?: readonly string[];
  readonly specVersions?: readonly string[];
}
