/**
 * Versioning of objects a use case re-publishes (stored sightings, summaries): a new version only
 * when what it says changed, keeping `created` and with a `modified` later than the stored one
 * (STIX 2.1 section 3.6), even when the clock says otherwise.
 */

import { asMicros, formatMicros, millisOf, parseTimestamp } from '../../stix/index.js';

/** The stored latest version's timestamps. */
export interface StoredStamp {
  readonly created?: unknown;
  readonly modified?: unknown;
}

/** created / modified of the next version of an object last stored as `prior`, at `now`. */
export function nextVersionStamps(
  prior: StoredStamp | undefined,
  now: string,
): { readonly created: string; readonly modified: string } {
  if (prior === undefined || typeof prior.modified !== 'string' || typeof prior.created !== 'string')
    return { created: now, modified: now };
  const modified = now > prior.modified ? now : laterByOneMilli(prior.modified);
  return { created: prior.created, modified };
}

/** True when the properties `keys` of two objects hold the same JSON values. */
export function sameProperties(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
  keys: readonly string[],
): boolean {
  return keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/** One millisecond after a stored `modified` (versions stay ordered when the clock is behind). */
function laterByOneMilli(modified: string): string {
  const parsed = parseTimestamp(modified);
  if (parsed === undefined) throw new RangeError(`stored modified ${modified} is not a STIX timestamp`);
  return formatMicros(asMicros((millisOf(parsed.micros) + 1) * 1000), 3);
}
