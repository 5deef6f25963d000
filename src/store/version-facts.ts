/**
 * What a backend stores about one version besides the JSON: derived here once so that every
 * backend derives it the same way (DESIGN.md, Store).
 */
import {
  canonicalJson,
  formatMicros,
  type KeyOrders,
  plainCanonicalJson,
  timestampMicros,
} from '../stix/index.js';
import type { GranularViews, Micros, NewVersion } from './objects.js';
import type { SearchTerm } from './search.js';
import { searchTermsOf } from './search-terms.js';
import { StoreError } from './store-error.js';

/** The columns of one version row, minus the ones the backend assigns (seq, date_added). */
export interface VersionFacts {
  readonly id: string;
  readonly type: string;
  /** `modified`, else `created`; undefined when neither is present (the backend uses date_added). */
  readonly version: string | undefined;
  /** The version as µs since the epoch (undefined with `version`). */
  readonly versionKey: Micros | undefined;
  readonly specVersion: string;
  readonly producerOrg: string;
  readonly origin: string;
  /** Stored for its producer alone (NewVersion.contested). */
  readonly contested: boolean;
  /** Distinct marking-definition ids: object_marking_refs and every granular_markings[].marking_ref. */
  readonly markingRefs: readonly string[];
  /** The object has a granular_markings property. */
  readonly granular: boolean;
  /** RFC 8785 canonical JSON of the object. */
  readonly json: string;
  /** The policy's granular views of the object, when the caller worked them out. */
  readonly granularViews: GranularViews | undefined;
  /** The terms the search index keeps for the version (searchTermsOf). */
  readonly searchTerms: readonly SearchTerm[];
}

function markingRefsOf(object: Readonly<Record<string, unknown>>): string[] {
  const refs = new Set<string>();
  const omr = object.object_marking_refs;
  if (Array.isArray(omr)) for (const r of omr) if (typeof r === 'string') refs.add(r);
  const granular = object.granular_markings;
  if (Array.isArray(granular)) {
    for (const g of granular) {
      const ref = (g as { marking_ref?: unknown } | null)?.marking_ref;
      if (typeof ref === 'string') refs.add(ref);
    }
  }
  return [...refs];
}

/**
 * Derives the stored facts of a version; throws StoreError `STORE_INVALID_OBJECT` naming the input
 * index. Versions of one batch share `orders` (their key lists are sorted once).
 */
export function versionFacts(input: NewVersion, index: number, orders?: KeyOrders): VersionFacts {
  const { object } = input;
  const where = `versions[${index}]`;
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    throw new StoreError('STORE_INVALID_OBJECT', `${where}: not a JSON object`);
  }
  const { id, type } = object;
  if (typeof id !== 'string' || id.length === 0) {
    throw new StoreError('STORE_INVALID_OBJECT', `${where}/id: missing or not a string`);
  }
  if (typeof type !== 'string' || type.length === 0) {
    throw new StoreError('STORE_INVALID_OBJECT', `${where}/type: missing or not a string`);
  }
  // STIX 2.1 section 3.6: the version is `modified`, or `created` for objects never modified.
  const stamp = object.modified ?? object.created;
  let versionKey: Micros | undefined;
  if (stamp !== undefined) {
    versionKey = typeof stamp === 'string' ? timestampMicros(stamp) : undefined;
    if (versionKey === undefined) {
      const field = object.modified !== undefined ? 'modified' : 'created';
      throw new StoreError('STORE_INVALID_OBJECT', `${where}/${field}: not a STIX timestamp`);
    }
  }
  const sv = object.spec_version;
  // Plain JSON data (every validated object) takes the fast path with the batch's key orders;
  // anything else (toJSON, undefined) is written as the JSON it stands for, NaN is refused.
  const json = plainCanonicalJson(object, orders) ?? serialisable(object, where);
  return {
    id,
    type,
    version: stamp as string | undefined,
    versionKey,
    specVersion: typeof sv === 'string' && sv.length > 0 ? sv : (input.specVersion ?? '2.1'),
    producerOrg: input.producerOrg,
    origin: input.origin,
    contested: input.contested === true,
    markingRefs: markingRefsOf(object),
    granular: object.granular_markings !== undefined,
    json,
    granularViews: input.granularViews,
    searchTerms: searchTermsOf(object),
  };
}

/** The version string and key of a version that has neither `modified` nor `created`: its date_added. */
export function dateAddedVersion(dateAdded: Micros): { version: string; versionKey: Micros } {
  return { version: formatMicros(dateAdded), versionKey: dateAdded };
}

/** The canonical JSON of a value that is not plain JSON data, or STORE_INVALID_OBJECT. */
function serialisable(object: Readonly<Record<string, unknown>>, where: string): string {
  try {
    return canonicalJson(object);
  } catch {
    throw new StoreError('STORE_INVALID_OBJECT', `${where}: not serialisable as JSON`);
  }
}
