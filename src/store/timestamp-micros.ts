import type { Micros } from './store.js';

// STIX 2.1 section 3.2: timestamps are RFC 3339 in UTC with a literal `Z`, any sub-second precision.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,32}))?Z$/;

/**
 * Parses a STIX/TAXII timestamp to microseconds since the epoch, or `undefined` when it is not one.
 * Digits past the sixth fractional place are truncated, so `…00Z` and `…00.000Z` are the same instant.
 */
export function parseTimestampMicros(text: string): Micros | undefined {
  const m = TIMESTAMP.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February over to March: reject days the month does not have.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  const fraction = (m[7] ?? '').slice(0, 6).padEnd(6, '0');
  return ms * 1000 + Number(fraction);
}

/** Formats microseconds since the epoch as a TAXII timestamp with microsecond precision (`….123456Z`). */
export function formatMicros(micros: Micros): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const sub = String(micros - ms * 1000).padStart(3, '0');
  return `${iso.slice(0, 23)}${sub}Z`;
}

/** The wall-clock time in microseconds (millisecond resolution; the store makes date_added unique). */
export function nowMicros(): Micros {
  return Date.now() * 1000;
}
