/** The timestamp type (spec 2.16): parsing to microseconds, exact comparison, and the property check. */
import { type Check, jsonType, show } from '../validate/context.js';

/** A parsed STIX timestamp. */
export interface ParsedTimestamp {
  /** Microseconds since 1970-01-01T00:00:00Z (exact up to year 2255; beyond that, ordering is still right). */
  readonly micros: number;
  /** Whole seconds since the epoch. */
  readonly seconds: number;
  /** The fraction digits as written (`''` when there are none), e.g. `'123'` for `.123`. */
  readonly fraction: string;
}

// 2.16.1: YYYY-MM-DDTHH:mm:ss[.s+]Z, UTC with a literal Z, no decimal point without digits.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Parses a STIX timestamp (2.16), or returns undefined when it is not one. */
export function parseTimestamp(text: string): ParsedTimestamp | undefined {
  const m = TIMESTAMP.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac = ''] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const maxDay = month === 2 && leap ? 29 : (DAYS[month - 1] ?? 31);
  if (day > maxDay) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear restores the year as written.
  const date = new Date(ms);
  if (year < 100) date.setUTCFullYear(year);
  const seconds = Math.floor(date.getTime() / 1000);
  const micros = seconds * 1_000_000 + Number(frac.slice(0, 6).padEnd(6, '0'));
  return { micros, seconds, fraction: frac };
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
  const pa = parseTimestamp(a);
  const pb = parseTimestamp(b);
  return pa && pb ? compareParsed(pa, pb) : undefined;
}

/** Required precision of a timestamp property. */
export type TimestampPrecision = 'any' | 'millisecond' | 'second';

/** A timestamp property check; `millisecond` = at least 3 fraction digits (3.2 created/modified). */
export function timestamp(precision: TimestampPrecision = 'any', section = '2.16'): Check {
  return (value, path, ctx) => {
    if (typeof value !== 'string') {
      ctx.error('STIX_WRONG_TYPE', path, `must be a timestamp string, not ${jsonType(value)}`, '2.16');
      return;
    }
    const parsed = parseTimestamp(value);
    if (parsed === undefined) {
      ctx.error(
        'STIX_INVALID_TIMESTAMP',
        path,
        `${show(value)} is not a valid STIX timestamp; use UTC like 2016-01-20T12:31:12.123Z`,
        '2.16',
      );
      return;
    }
    if (precision === 'millisecond' && parsed.fraction.length < 3) {
      ctx.error(
        'STIX_TIMESTAMP_PRECISION',
        path,
        `${show(value)} must have at least millisecond precision (three digits after the seconds, e.g. .000Z)`,
        section,
      );
    } else if (precision === 'second' && /[1-9]/.test(parsed.fraction)) {
      ctx.error('STIX_TIMESTAMP_PRECISION', path, `${show(value)} must be precise to the second`, section);
    }
  };
}
