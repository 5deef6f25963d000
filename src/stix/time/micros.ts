/**
 * The one instant type of Accord: whole microseconds since 1970-01-01T00:00:00Z, the precision of
 * TAXII's date_added (TAXII 2.1 section 3.2) and of the store (docs/decisions/0010-micros.md).
 */

declare const MICROS: unique symbol;

/**
 * Microseconds since the Unix epoch, as a branded number: a plain millisecond count or a count of
 * seconds is not assignable to it, so a unit mix-up fails to compile. Exact up to 2^53 µs (year 2255).
 */
export type Micros = number & { readonly [MICROS]: true };

/** A clock reading microseconds: modules that read the time take one, so tests can inject theirs. */
export type MicrosClock = () => Micros;

/**
 * Marks a number as microseconds: a value read from storage or computed from other Micros. Truncates
 * to a whole microsecond so that every Micros is an integer.
 */
export function asMicros(value: number): Micros {
  return Math.trunc(value) as Micros;
}

/** The microseconds of an epoch-millisecond count (`Date.getTime()`, `Date.now()`). */
export function microsFromMillis(millis: number): Micros {
  return Math.floor(millis * 1000) as Micros;
}

/** The microseconds of a Date (`Date` holds whole milliseconds). */
export function microsOfDate(date: Date): Micros {
  return (date.getTime() * 1000) as Micros;
}

/** The epoch milliseconds of an instant, rounded down (what `Date` can hold). */
export function millisOf(micros: Micros): number {
  return Math.floor(micros / 1000);
}
