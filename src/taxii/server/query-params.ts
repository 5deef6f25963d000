/**
 * Parses the URL query parameters of TAXII 2.1 section 3.4 (`added_after`, `limit`, `next`,
 * `match[<field>]` with comma-separated lists) into domain filters. Anything malformed is a
 * 400 (section 3.4: "If any of the URL query parameters are malformed, the TAXII Server MUST
 * return an HTTP 400"); match fields this endpoint does not support are ignored (section 3.4).
 */
import { type TimestampLimits, timestampMicros } from '../../stix/index.js';
import type { Cursor, VersionSelector } from '../../store/index.js';
import { TaxiiError } from '../taxii-error.js';

/** TAXII 2.1 section 2: RFC 3339 UTC timestamps; clients send at most nanosecond precision. */
const TAXII_TIMESTAMP: TimestampLimits = { maxFractionDigits: 9 };

import type { ObjectFilters } from './taxii-backend.js';

/** The query parameters an endpoint supports (sections 5.3–5.8). */
export type QueryField = 'added_after' | 'limit' | 'next' | 'id' | 'type' | 'version' | 'spec_version';

/** Limits on paging: a client `limit` above `max` is lowered to it (section 3.4 `limit`). */
export interface LimitOptions {
  readonly defaultLimit: number;
  readonly maxLimit: number;
}

const STIX_ID =
  /^[a-z0-9][a-z0-9-]{0,249}--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const STIX_TYPE = /^[a-z0-9][a-z0-9-]{0,249}$/;
const SPEC_VERSION = /^[0-9]{1,3}\.[0-9]{1,3}$/;
const MAX_VALUES = 1000;
const MAX_NEXT = 1024;

function bad(message: string): TaxiiError {
  return new TaxiiError('TAXII_INVALID_PARAMETER', message);
}

/** The single value of a parameter; a repeated parameter is malformed (section 3.4). */
function single(query: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw bad(`${name} must occur at most once`);
  return value;
}

/** A comma list (section 3.4: values separated by a comma without spaces), each value checked. */
function list(
  query: Readonly<Record<string, unknown>>,
  field: string,
  check: RegExp | undefined,
): string[] | undefined {
  const name = `match[${field}]`;
  const value = single(query, name);
  if (value === undefined) return undefined;
  const values = value.split(',');
  if (values.length > MAX_VALUES) throw bad(`${name} lists more than ${MAX_VALUES} values`);
  for (const v of values) {
    if (v === '') throw bad(`${name} has an empty value`);
    if (check && !check.test(v)) throw bad(`${name} value ${JSON.stringify(v.slice(0, 80))} is malformed`);
  }
  if (new Set(values).size !== values.length) throw bad(`${name} repeats a value`);
  return values;
}

/** `match[version]` (section 3.4.1): all | first | last | STIX timestamps, no duplicates, all alone. */
function versionSelector(values: readonly string[]): VersionSelector {
  if (values.includes('all')) {
    if (values.length > 1) throw bad('match[version]=all must not be combined with other versions');
    return { kind: 'all' };
  }
  const exact = values.filter((v) => v !== 'first' && v !== 'last');
  for (const v of exact) {
    if (timestampMicros(v, TAXII_TIMESTAMP) === undefined)
      throw bad(`match[version] value ${JSON.stringify(v.slice(0, 80))} is not a timestamp`);
  }
  const first = values.includes('first');
  const last = values.includes('last');
  if (exact.length === 0 && first !== last) return { kind: first ? 'first' : 'last' };
  return { kind: 'set', first, last, exact };
}

/** Parses the supported parameters of one endpoint into filters. */
export function parseFilters(
  query: Readonly<Record<string, unknown>>,
  supported: readonly QueryField[],
  limits: LimitOptions,
): ObjectFilters {
  const has = (f: QueryField) => supported.includes(f);
  let limit = limits.defaultLimit;
  const rawLimit = has('limit') ? single(query, 'limit') : undefined;
  if (rawLimit !== undefined) {
    // Section 3.4: "The value of the limit MUST be a positive integer greater than zero."
    if (!/^[1-9][0-9]{0,15}$/.test(rawLimit)) throw bad('limit must be a positive integer');
    limit = Math.min(Number(rawLimit), limits.maxLimit);
  }
  const filters: { -readonly [K in keyof ObjectFilters]: ObjectFilters[K] } = { limit };
  const addedAfter = has('added_after') ? single(query, 'added_after') : undefined;
  if (addedAfter !== undefined) {
    const micros = timestampMicros(addedAfter, TAXII_TIMESTAMP);
    if (micros === undefined)
      throw bad('added_after must be a timestamp such as 2021-07-19T00:00:00.000000Z');
    filters.addedAfter = micros;
  }
  const next = has('next') ? single(query, 'next') : undefined;
  if (next !== undefined) {
    if (next === '' || next.length > MAX_NEXT) throw bad('next is malformed');
    filters.cursor = next as Cursor;
  }
  const ids = has('id') ? list(query, 'id', STIX_ID) : undefined;
  if (ids) filters.ids = ids;
  const types = has('type') ? list(query, 'type', STIX_TYPE) : undefined;
  if (types) filters.types = types;
  const specVersions = has('spec_version') ? list(query, 'spec_version', SPEC_VERSION) : undefined;
  if (specVersions) filters.specVersions = specVersions;
  const versions = has('version') ? list(query, 'version', undefined) : undefined;
  if (versions) filters.versions = versionSelector(versions);
  return filters;
}
