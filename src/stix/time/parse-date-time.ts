/**
 * Date-times as other tools write them (logs, MISP): RFC 3339 section 5.6 and the ISO 8601 forms
 * logs use (a space for `T`, a comma for the decimal point, `z`, an offset `±HH:MM` or `±HHMM`, or
 * no offset at all, then read at a given offset). The same calendar and the same instant as
 * parseTimestamp, whose strict STIX form (2.16: `T`, `.`, `Z`) is one case of this one, so Accord
 * has one timestamp reader: a log line and a STIX object naming the same instant agree on it.
 */
import type { Micros } from './micros.js';
import { DAYS, daysFromCivil, type ParsedTimestamp } from './parse-timestamp.js';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,12}))?(Z|z|[+-]\d{2}:?\d{2})?$/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** Minutes east of UTC of `Z`, `UTC`, `±HH:MM` or `±HHMM`; undefined when malformed. */
export function parseUtcOffset(text: string): number | undefined {
  if (text === 'Z' || text === 'z' || text === 'UTC') return 0;
  const m = OFFSET.exec(text);
  if (!m) return undefined;
  const [h, min] = [Number(m[2]), Number(m[3])];
  if (h > 23 || min > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + min);
}

/**
 * Reads a date-time; one without an offset is read at `offsetMinutes` east of UTC. The fraction
 * keeps the digits as written (up to twelve); a leap second (:60) counts as the first second of
 * the next minute, as parseTimestamp counts it. Undefined when `text` is not a date-time.
 */
export function parseDateTime(text: string, offsetMinutes = 0): ParsedTimestamp | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && leap ? 29 : (DAYS[month - 1] as number))) return undefined;
  const east = m[8] === undefined ? offsetMinutes : parseUtcOffset(m[8]);
  if (east === undefined) return undefined;
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - east * 60;
  const fraction = m[7] ?? '';
  const sub = Number(fraction.slice(0, 6).padEnd(6, '0'));
  return { micros: (seconds * 1_000_000 + sub) as Micros, seconds, fraction };
}
