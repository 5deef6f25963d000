/**
 * The one timestamp formatter: an instant in microseconds as RFC 3339 (section 5.6) UTC text with a
 * literal `Z` and a fixed number of fraction digits, as STIX 2.1 (2.16) and TAXII 2.1 (2) require.
 */
import type { Micros } from './micros.js';

/** Fraction digits written: 3 for STIX created/modified (3.2), 6 for TAXII date_added (2, 3.2). */
export type FractionDigits = 0 | 3 | 6;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Year, month and day of a count of days since 1970-01-01 in the proleptic Gregorian calendar
 * (H. Hinnant's civil_from_days, the inverse of the parser's days_from_civil).
 */
function civilFromDays(days: number): readonly [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** The text of `seconds` since the epoch plus `micro` microseconds (0 to 999 999). */
function formatInstant(seconds: number, micro: number, digits: FractionDigits): string {
  const days = Math.floor(seconds / 86400);
  const inDay = seconds - days * 86400;
  const [year, month, day] = civilFromDays(days);
  if (year < 0 || year > 9999) throw new RangeError(`year ${year} has no RFC 3339 timestamp`);
  const time = `${pad(Math.floor(inDay / 3600), 2)}:${pad(Math.floor(inDay / 60) % 60, 2)}:${pad(inDay % 60, 2)}`;
  const fraction = digits === 0 ? '' : `.${pad(micro, 6).slice(0, digits)}`;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${time}${fraction}Z`;
}

/**
 * Formats an instant as `YYYY-MM-DDTHH:mm:ss[.ffffff]Z` with `digits` fraction digits (truncated,
 * never rounded, so the text never names a later instant). Throws a RangeError outside the years
 * 0000–9999 that the four-digit year of RFC 3339 can write, or for a non-integer input (past 2^53,
 * year 2255, a double holds only every few microseconds: the text names the instant it holds).
 */
export function formatMicros(micros: Micros, digits: FractionDigits = 6): string {
  if (!Number.isInteger(micros)) throw new RangeError(`not a whole number of microseconds: ${micros}`);
  const seconds = Math.floor(micros / 1_000_000);
  return formatInstant(seconds, micros - seconds * 1_000_000, digits);
}

/**
 * A STIX timestamp of `date` with millisecond precision (3.2: created and modified), the text
 * `Date.toISOString` writes for the years 0000–9999 (a RangeError outside them).
 */
export function formatTimestamp(date: Date): string {
  const millis = date.getTime();
  if (!Number.isFinite(millis)) throw new RangeError('Invalid time value');
  const seconds = Math.floor(millis / 1000);
  return formatInstant(seconds, (millis - seconds * 1000) * 1000, 3);
}

/**
 * The STIX timestamp (2.16) of whole `seconds` since the epoch and fraction digits as a source
 * wrote them (any number, `''` for none): the precision of the source kept, neither padded nor cut.
 */
export function formatExact(seconds: number, fraction: string): string {
  const whole = formatInstant(seconds, 0, 0);
  return fraction === '' ? whole : `${whole.slice(0, -1)}.${fraction}Z`;
}
