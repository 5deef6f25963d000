/**
 * Sighting aggregation (pure, no I/O): one sighting per (indicator, reporting identity, UTC day of
 * the event). `count` is the number of distinct matching events, told apart by their deterministic
 * observed-data ids, so reading a line twice never counts it twice; first/last seen are the
 * earliest and latest event times; observed_data_refs keeps the first `maxRefs` events.
 */

import { sightingId } from '../output/detect-ids.js';
import type { EventTime } from '../time/event-time.js';
import { utcDay } from '../time/event-time.js';

/** One (indicator, event) match, as the aggregation needs it. */
export interface SightingMatch {
  readonly indicator: string;
  readonly identity: string;
  readonly time: EventTime;
  readonly observedData: string;
}

/** The aggregate of one sighting. */
export interface SightingState {
  readonly id: string;
  readonly indicator: string;
  readonly identity: string;
  readonly day: string;
  count: number;
  firstSeen: EventTime;
  lastSeen: EventTime;
  readonly refs: string[];
  /** Fingerprints of the counted events (52 bits of their observed-data UUID). */
  readonly seen: Set<number>;
}

/** Bounds of the aggregation. */
export interface AggregationLimits {
  /** observed_data_refs kept per sighting (default 100). */
  readonly maxRefs?: number;
  /** Event fingerprints kept in all to tell repeats apart (default 4,000,000); past it events count as new. */
  readonly maxTracked?: number;
}

/** The largest count a sighting may carry (4.13: count is at most 999,999,999). */
export const MAX_SIGHTING_COUNT = 999_999_999;

/** The 52-bit fingerprint of an observed-data id (its UUID's first 13 hex digits). */
export function eventFingerprint(observedDataId: string): number {
  const uuid = observedDataId.slice(observedDataId.indexOf('--') + 2).replace(/-/g, '');
  return Number.parseInt(uuid.slice(0, 13), 16);
}

/** Incremental aggregation of matches into sightings. */
export class SightingAggregator {
  private readonly states = new Map<string, SightingState>();
  private readonly dirty = new Set<string>();
  private tracked = 0;
  private readonly maxRefs: number;
  private readonly maxTracked: number;

  constructor(limits: AggregationLimits = {}) {
    this.maxRefs = limits.maxRefs ?? 100;
    this.maxTracked = limits.maxTracked ?? 4_000_000;
  }

  /** Adds a match; true when it counted (a new event for its sighting). */
  add(m: SightingMatch): boolean {
    const day = utcDay(m.time);
    const id = sightingId(m.indicator, m.identity, day);
    let s = this.states.get(id);
    if (!s) {
      s = {
        id,
        indicator: m.indicator,
        identity: m.identity,
        day,
        count: 0,
        firstSeen: m.time,
        lastSeen: m.time,
        refs: [],
        seen: new Set(),
      };
      this.states.set(id, s);
    }
    const fp = eventFingerprint(m.observedData);
    if (s.seen.has(fp)) return false;
    if (this.tracked < this.maxTracked) {
      s.seen.add(fp);
      this.tracked++;
    }
    s.count = Math.min(s.count + 1, MAX_SIGHTING_COUNT);
    if (m.time.ms < s.firstSeen.ms) s.firstSeen = m.time;
    if (m.time.ms > s.lastSeen.ms) s.lastSeen = m.time;
    if (s.refs.length < this.maxRefs) s.refs.push(m.observedData);
    this.dirty.add(id);
    return true;
  }

  /** Every sighting, in the order first matched. */
  all(): SightingState[] {
    return [...this.states.values()];
  }

  /** The sightings that changed since the last call. */
  takeChanged(): SightingState[] {
    const out = [...this.dirty].map((id) => this.states.get(id) as SightingState);
    this.dirty.clear();
    return out;
  }

  /** A JSON-ready copy of the state (for `--follow` checkpoints). */
  snapshot(): unknown {
    return [...this.states.values()].map((s) => ({ ...s, seen: [...s.seen] }));
  }

  /** Restores a snapshot taken by `snapshot`. */
  static restore(snapshot: unknown, limits: AggregationLimits = {}): SightingAggregator {
    const a = new SightingAggregator(limits);
    for (const raw of snapshot as Array<SightingState & { seen: number[] }>) {
      a.states.set(raw.id, { ...raw, refs: [...raw.refs], seen: new Set(raw.seen) });
      a.tracked += raw.seen.length;
    }
    return a;
  }
}

/** Aggregates matches into sightings (the pure form of SightingAggregator). */
export function aggregateSightings(
  matches: Iterable<SightingMatch>,
  limits: AggregationLimits = {},
): SightingState[] {
  const a = new SightingAggregator(limits);
  for (const m of matches) a.add(m);
  return a.all();
}

/** The STIX sighting (4.13) of an aggregate, as version `created` / `modified`. */
export function sightingObject(
  s: SightingState,
  version: { readonly created: string; readonly modified: string },
): Record<string, unknown> & { type: 'sighting'; id: string } {
  return {
    type: 'sighting',
    spec_version: '2.1',
    id: s.id,
    created_by_ref: s.identity,
    created: version.created,
    modified: version.modified,
    first_seen: s.firstSeen.text,
    last_seen: s.lastSeen.text,
    count: s.count,
    sighting_of_ref: s.indicator,
    observed_data_refs: s.refs,
    where_sighted_refs: [s.identity],
  };
}
