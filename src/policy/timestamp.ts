/** STIX timestamps (spec 2.16) to microseconds, the store's date_added precision. */
import { parseTimestamp } from '../stix/index.js';
import type { Micros } from '../store/index.js';

/** Longest timestamp text looked at (input is untrusted; the regex is linear anyway). */
const MAX_LENGTH = 64;

/** Microseconds since the epoch of a STIX timestamp, or undefined when it is not one. */
export function timestampToMicros(value: unknown): Micros | undefined {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return undefined;
  return parseTimestamp(value)?.micros;
}
