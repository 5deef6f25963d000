/**
 * Correlation across events for patterns that span several observations (9.5.2 AND, FOLLOWEDBY,
 * REPEATS), with bounded state: per pattern, only the recent observations that satisfy one of its
 * observation expressions, within a time window and up to a count.
 */

import { type CompiledPattern, compilePattern } from '../matcher/compile-pattern.js';
import type { Observation } from '../matcher/observation-set.js';
import { readObservations } from '../matcher/observation-set.js';
import { leafKeys, observationLeaves } from './index-keys.js';
import { compileInputs, type IndicatorSetOptions, type PatternInput, safeMatches } from './indicator-set.js';
import { ValueIndex } from './value-index.js';

/** Options of `createCorrelator`: the set's options plus the bounds of the state. */
export interface CorrelatorOptions extends IndicatorSetOptions {
  /** Observations whose last_observed is older than the newest seen minus this are dropped (default 3,600). */
  readonly windowSeconds?: number;
  /** Most observations kept per pattern, oldest dropped first (default 1,000). */
  readonly maxObservationsPerPattern?: number;
}

/** A stateful matcher over a stream of events. */
export interface Correlator {
  /**
   * Adds one event (STIX objects: observed-data and SCOs) and returns the indices of the patterns
   * that match the observations held for them, this event's included.
   */
  push(objects: unknown): number[];
  /** How many observations are held in all (the bounded state). */
  held(): number;
}

interface PatternState {
  readonly pattern: CompiledPattern;
  readonly leaves: readonly CompiledPattern[];
  window: Observation[];
}

/**
 * Creates a correlator: an event is reported for pattern p when one of p's observation expressions
 * holds on it and p matches the observations kept for p (the event's among them).
 */
export function createCorrelator(
  inputs: Iterable<PatternInput | string>,
  options: CorrelatorOptions = {},
): Correlator {
  const windowMs = (options.windowSeconds ?? 3600) * 1000;
  const cap = options.maxObservationsPerPattern ?? 1000;
  const { compiled, parsed } = compileInputs(inputs, options.limits);
  const index = new ValueIndex();
  const states = new Map<number, PatternState>();
  parsed.forEach((p, id) => {
    const c = compiled[id];
    if (!p || !c) return;
    index.add(id, leafKeys(p));
    const leaves = observationLeaves(p.root).map((root) =>
      compilePattern({ ...p, root }, { limits: options.limits }),
    );
    states.set(id, { pattern: c, leaves, window: [] });
  });
  let newest = Number.NEGATIVE_INFINITY;
  let pushes = 0;
  let held = 0;

  const evict = (s: PatternState): void => {
    const before = s.window.length;
    // Observations without a usable time stay until the count bound removes them.
    s.window = s.window.filter((o) => !Number.isFinite(o.last) || o.last >= newest - windowMs);
    if (s.window.length > cap) s.window = s.window.slice(s.window.length - cap);
    held -= before - s.window.length;
  };

  return {
    push(objects) {
      const observations = readObservations(objects);
      for (const o of observations) if (Number.isFinite(o.last) && o.last > newest) newest = o.last;
      if (++pushes % 1024 === 0) for (const s of states.values()) evict(s);
      const matched: number[] = [];
      for (const id of index.candidates(observations)) {
        const s = states.get(id);
        if (!s) continue;
        const relevant = observations.filter((o) =>
          s.leaves.some((leaf) => safeMatches(leaf, [o], id, options.onEvaluationError)),
        );
        if (relevant.length === 0) continue;
        s.window.push(...relevant);
        held += relevant.length;
        evict(s);
        if (safeMatches(s.pattern, s.window, id, options.onEvaluationError)) matched.push(id);
      }
      return matched.sort((a, b) => a - b);
    },
    held: () => held,
  };
}
