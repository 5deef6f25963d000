/** Versioning of STIX objects (spec 3.6): the version of an object and making a new version. */
import { StixError } from '../errors/catalog.js';
import { formatMicros } from '../time/format-timestamp.js';
import { asMicros, type Micros, millisOf } from '../time/micros.js';
import { nowMicros } from '../time/now-micros.js';
import { compareTimestamps, parseTimestamp } from '../time/parse-timestamp.js';

type StixLike = Readonly<Record<string, unknown>>;

/** The version timestamp of an object: `modified`, else `created` (3.6); undefined for unversioned objects (SCOs). */
export function versionOf(obj: StixLike): string | undefined {
  const modified = obj.modified;
  if (typeof modified === 'string') return modified;
  const created = obj.created;
  return typeof created === 'string' ? created : undefined;
}

/** Properties a new version must not change (3.6: id, type and created stay; only the creator versions). */
const FIXED = ['id', 'type', 'created', 'created_by_ref', 'spec_version'] as const;

/**
 * A new version of a versioned object (3.6): the changes applied, `modified` set to `now` (or the
 * given `modified` if later). Throws StixError when the object is revoked (revocation is permanent),
 * is not versioned (no `created`), or the changes touch id, type, created or created_by_ref.
 */
export function newVersion<T extends StixLike>(
  obj: T,
  changes: Partial<Record<string, unknown>>,
  now: Micros = nowMicros(),
): T {
  if (typeof obj.created !== 'string')
    throw new StixError(
      'STIX_INVALID_VALUE',
      'only objects with created (SDOs, SROs, meta objects) are versioned',
    );
  if (obj.revoked === true)
    throw new StixError('STIX_REVOKED', 'a revoked object must not get new versions (3.6)');
  for (const name of FIXED) {
    if (name in changes && changes[name] !== obj[name]) {
      throw new StixError('STIX_INVALID_VALUE', `a new version must not change ${name} (3.6)`);
    }
  }
  const previous = versionOf(obj) ?? obj.created;
  let modified = typeof changes.modified === 'string' ? changes.modified : formatMicros(now, 3);
  const order = compareTimestamps(modified, previous);
  if (order === undefined || order <= 0) {
    if (typeof changes.modified === 'string')
      throw new StixError(
        'STIX_TIME_ORDER',
        'modified of a new version must be later than the previous version (3.6)',
      );
    const parsed = parseTimestamp(previous);
    if (parsed === undefined)
      throw new StixError(
        'STIX_INVALID_TIMESTAMP',
        `the previous version ${previous} is not a timestamp (2.16)`,
      );
    // The clock is not ahead of the previous version: one millisecond after it keeps versions ordered.
    modified = formatMicros(asMicros((millisOf(parsed.micros) + 1) * 1000), 3);
  }
  const next: Record<string, unknown> = { ...obj };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete next[name];
    else next[name] = value;
  }
  next.modified = modified;
  return Object.freeze(next) as T;
}
