/**
 * When a pattern line of `accord pattern match-set` may match (issue 20): a STIX indicator that
 * is revoked never does, and one with `valid_from`/`valid_until` (4.7) only matches events
 * observed within `[valid_from, valid_until)`, as `accord detect` counts them. Plain
 * `{"pattern"}` lines carry neither and always may.
 */
import { parseTimestamp } from '../stix/index.js';

/** The times an indicator counts, in epoch microseconds: `from` inclusive, `until` exclusive. */
export interface ValidityWindow {
  readonly from: number;
  readonly until: number;
}

/** What an indicator line says about when it counts. */
export interface LineValidity {
  readonly revoked: boolean;
  /** Absent when the line bounds nothing (no valid_from nor valid_until). */
  readonly window?: ValidityWindow;
}

type Json = { readonly [key: string]: unknown };

const micros = (value: unknown): number | undefined => {
  const t = typeof value === 'string' ? parseTimestamp(value) : undefined;
  return t === undefined ? undefined : Number(t.micros);
};

/**
 * Reads `revoked`, `valid_from` and `valid_until` of an indicator line; a string is the reason the
 * line is unusable (a bound present but not a STIX timestamp). Other lines bound nothing.
 */
export function readLineValidity(line: unknown): LineValidity | string {
  if (typeof line !== 'object' || line === null || Array.isArray(line)) return { revoked: false };
  const x = line as Json;
  if (x.type !== 'indicator') return { revoked: false };
  const revoked = x.revoked === true;
  if (x.valid_from === undefined && x.valid_until === undefined) return { revoked };
  const from = x.valid_from === undefined ? Number.NEGATIVE_INFINITY : micros(x.valid_from);
  if (from === undefined) return 'valid_from is not a STIX timestamp (2.16)';
  const until = x.valid_until === undefined ? Number.POSITIVE_INFINITY : micros(x.valid_until);
  if (until === undefined) return 'valid_until is not a STIX timestamp (2.16)';
  return { revoked, window: { from, until } };
}

/** The span an event was observed in: its observed-data's first_observed to last_observed. */
export interface EventSpan {
  readonly first: number;
  readonly last: number;
}

/**
 * The observed span of an event's observed-data (epoch microseconds; unbounded on a side when
 * that property is absent, as the matcher reads it); a string names a property that is present
 * but not a timestamp, so the event cannot be placed in time.
 */
export function eventSpan(od: Json): EventSpan | string {
  const bound = (name: 'first_observed' | 'last_observed'): number | string | undefined => {
    const v = od[name];
    if (v === undefined) return undefined;
    return micros(v) ?? `${name} is not a STIX timestamp (2.16): ${JSON.stringify(v).slice(0, 80)}`;
  };
  const first = bound('first_observed');
  if (typeof first === 'string') return first;
  const last = bound('last_observed');
  if (typeof last === 'string') return last;
  return {
    first: first ?? last ?? Number.NEGATIVE_INFINITY,
    last: last ?? first ?? Number.POSITIVE_INFINITY,
  };
}

/** An indicator counts for an event when the observed span meets its (non-empty) window. */
export const within = (w: ValidityWindow, span: EventSpan): boolean =>
  w.from < w.until && span.first < w.until && span.last >= w.from;
