import { parseTimestamp } from '../stix/index.js';
import type { Micros } from './objects.js';

/**
 * Parses a STIX/TAXII timestamp (STIX 2.1 section 2.16) to microseconds since the epoch, or
 * `undefined` when it is not one. Digits past the sixth fractional place are truncated, so
 * `…00Z` and `…00.000Z` are the same instant.
 */
export function parseTimestampMicros(text: string): Micros | undefined {
  return parseTimestamp(text)?.micros;
}

/** Formats microseconds since the epoch as a TAXII timestamp with microsecond precision (`….123456Z`). */
export function formatMicros(micros: Micros): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const sub = String(micros - ms * 1000).padStart(3, '0');
  return `${iso.slice(0, 23)}${sub}Z`;
}

/**
 * The wall-clock time in microseconds, at microsecond resolution. With Date.now() alone two
 * batches committed within one millisecond would run date_added (strictly increasing) past the
 * clock, and a query made right after the second commit would not yet see it. The monotonic
 * high-resolution clock anchored at the process's start supplies the microseconds; a wall clock
 * stepped forward since then still wins.
 */
export function nowMicros(): Micros {
  return Math.max(Date.now() * 1000, Math.floor((performance.timeOrigin + performance.now()) * 1000));
}
