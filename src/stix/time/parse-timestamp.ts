/**
 * The one STIX timestamp parser (spec 2.16; RFC 3339 section 5.6 restricted to UTC `Z`):
 * `YYYY-MM-DDTHH:mm:ss[.s+]Z` to microseconds, with exact comparison at any precision.
 */
import type { Micros } from './micros.js';

/** A parsed STIX timestamp. */
export interface ParsedTimestamp {
  /** Microseconds since 1970-01-01T00:00:00Z (exact up to year 2255; beyond that, ordering is still right). */
  readonly micros: Micros;
  /** Whole seconds since the epoch. */
  readonly seconds: number;
  /** The fraction digits as written (`''` when there are none), e.g. `'123'` for `.123`. */
  readonly fraction: string;
}

// 2.16.1: YYYY-MM-DDTHH:mm:ss[.s+]Z, UTC with a literal Z, no decimal point without digits.
export const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The two-digit number at `i`, or -1 when the characters are not digits. */
function two(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Length of the fraction digits starting at `i` (after the '.'), or -1 when they are not all digits. */
function fractionEnd(text: string, i: number): number {
  let k = i;
  for (; k < text.length - 1; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return -1;
  }
  return k;
}

/**
 * Checks the layout and calendar fields of a STIX timestamp without allocating (the hot path of
 * validation); returns the number of fraction digits, or -1 when the text is not a timestamp.
 */
export function timestampFractionDigits(text: string): number {
  const n = text.length;
  if (n < 20 || text.charCodeAt(n - 1) !== 90 /* Z */) return -1;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':')
    return -1;
  const hi = two(text, 0);
  const lo = two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  if (
    hi < 0 ||
    lo < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59
  )
    return -1;
  if (second < 0 || second > 60) return -1;
  const year = hi * 100 + lo;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && leap ? 29 : DAYS[month - 1]!)) return -1;
  if (n === 20) return 0;
  // A decimal point must be followed by at least one digit (2.16.1).
  if (text[19] !== '.' || n === 21 || fractionEnd(text, 20) !== n - 1) return -1;
  return n - 21;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's
 * days_from_civil), the calendar Date uses, without building a Date on the ingest hot path.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Parses a STIX timestamp (2.16), or returns undefined when it is not one. */
export function parseTimestamp(text: string): ParsedTimestamp | undefined {
  const digits = timestampFractionDigits(text);
  if (digits < 0) return undefined;
  const days = daysFromCivil(two(text, 0) * 100 + two(text, 2), two(text, 5), two(text, 8));
  // A leap second (:60) counts as the first second of the next minute, as Date counts it.
  const seconds = days * 86400 + two(text, 11) * 3600 + two(text, 14) * 60 + two(text, 17);
  let sub = 0;
  for (let k = 0; k < 6; k++) sub = sub * 10 + (k < digits ? text.charCodeAt(20 + k) - 48 : 0);
  const fraction = digits === 0 ? '' : text.slice(20, text.length - 1);
  return { micros: (seconds * 1_000_000 + sub) as Micros, seconds, fraction };
}

/** Compares two parsed timestamps exactly (any number of fraction digits): negative, 0 or positive. */
export function compareParsed(a: ParsedTimestamp, b: ParsedTimestamp): number {
  if (a.seconds !== b.seconds) return a.seconds - b.seconds;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, '0');
  const fb = b.fraction.padEnd(width, '0');
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/** Compares two timestamp strings exactly; undefined when either is not a valid timestamp. */
export function compareTimestamps(a: string, b: string): number | undefined {
  // Same layout (same number of fraction digits): the text order is the time order.
  if (a.length === b.length) {
    if (timestampFractionDigits(a) < 0 || timestampFractionDigits(b) < 0) return undefined;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const pa = parseTimestamp(a);
  const pb = parseTimestamp(b);
  return pa && pb ? compareParsed(pa, pb) : undefined;
}

/** Bounds on timestamp text from untrusted input. */
export interface TimestampLimits {
  /** Longest text looked at (default: any). */
  readonly maxLength?: number;
  /** Most fraction digits accepted (default: any; TAXII clients send at most nine). */
  readonly maxFractionDigits?: number;
}

/** The bound policy/ and intel/ put on timestamps in markings and requests: no sane one is longer. */
export const UNTRUSTED_TIMESTAMP: TimestampLimits = { maxLength: 64 };

/**
 * Microseconds of a STIX timestamp, or undefined when `value` is not one (or is past `limits`).
 * Digits past the sixth fractional place are truncated, so `…00Z` and `…00.000Z` are the same instant.
 */
export function timestampMicros(value: unknown, limits: TimestampLimits = {}): Micros | undefined {
  if (typeof value !== 'string' || value.length > (limits.maxLength ?? Number.POSITIVE_INFINITY))
    return undefined;
  const digits = timestampFractionDigits(value);
  if (digits < 0 || digits > (limits.maxFractionDigits ?? Number.POSITIVE_INFINITY)) return undefined;
  return parseTimestamp(value)?.micros;
}
