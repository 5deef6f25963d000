/** The version of a STIX object (spec 3.6: `modified`, else `created`) as an exactly ordered value. */
import { type Micros, parseTimestamp } from '../stix/index.js';

/** Longest timestamp text looked at (input is untrusted). */
const MAX_TIMESTAMP_LENGTH = 64;

/** A version timestamp: microseconds, plus the digits beyond them for exact order. */
export interface VersionTime {
  readonly text: string;
  readonly micros: Micros;
  /** Fraction digits after the sixth, right-padded to 9 characters ('' when none). */
  readonly beyond: string;
}

/** The parsed form of a STIX timestamp, or undefined when `value` is not one. */
export function parseVersionTime(value: unknown): VersionTime | undefined {
  if (typeof value !== 'string' || value.length > MAX_TIMESTAMP_LENGTH) return undefined;
  const parsed = parseTimestamp(value);
  if (parsed === undefined) return undefined;
  const beyond = parsed.fraction.length > 6 ? parsed.fraction.slice(6).padEnd(9, '0') : '';
  return { text: value, micros: parsed.micros, beyond };
}

/**
 * The version time of an object: `modified`, else `created` (spec 3.6); undefined when neither
 * parses. With `record` and `facts`, the result carries them too (one object per version).
 */
export function versionTimeOf(object: Readonly<Record<string, unknown>>): VersionTime | undefined;
export function versionTimeOf<R, F>(
  object: Readonly<Record<string, unknown>>,
  record: R,
  facts: F | undefined,
): (VersionTime & { readonly record: R; readonly facts: F | undefined }) | undefined;
export function versionTimeOf<R, F>(
  object: Readonly<Record<string, unknown>>,
  record?: R,
  facts?: F,
): (VersionTime & { readonly record?: R; readonly facts?: F | undefined }) | undefined {
  const value = object.modified ?? object.created;
  if (typeof value !== 'string' || value.length > MAX_TIMESTAMP_LENGTH) return undefined;
  const parsed = parseTimestamp(value);
  if (parsed === undefined) return undefined;
  const beyond = parsed.fraction.length > 6 ? parsed.fraction.slice(6).padEnd(9, '0') : '';
  return record === undefined
    ? { text: value, micros: parsed.micros, beyond }
    : { text: value, micros: parsed.micros, beyond, record, facts };
}

/** Exact order of two version times: negative, zero or positive. */
export function compareVersionTimes(a: VersionTime, b: VersionTime): number {
  if (a.micros !== b.micros) return a.micros - b.micros;
  const x = a.beyond.padEnd(9, '0');
  const y = b.beyond.padEnd(9, '0');
  return x < y ? -1 : x > y ? 1 : 0;
}
