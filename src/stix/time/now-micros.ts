/** The wall clock at microsecond resolution. */
import type { Micros } from './micros.js';

/**
 * The wall-clock time in microseconds. With Date.now() alone two batches committed within one
 * millisecond would run date_added (strictly increasing, TAXII 2.1 section 3.2) past the clock,
 * and a query made right after the second commit would not yet see it. The monotonic
 * high-resolution clock anchored at the process's start supplies the microseconds; a wall clock
 * stepped forward since then still wins.
 */
export function nowMicros(): Micros {
  return Math.max(
    Date.now() * 1000,
    Math.floor((performance.timeOrigin + performance.now()) * 1000),
  ) as Micros;
}
