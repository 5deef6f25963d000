/**
 * Bindings: the sets of observations that satisfy an observation expression (9.5). An observed-data
 * stands for number_observed observations, so a binding may use it up to that many times.
 */
import { PatternError } from '../pattern-error.js';
import type { Observation } from './observation-set.js';

/** Observations (sorted indices, repeated up to their count) and the bounds of their time intervals. */
export interface Binding {
  readonly obs: readonly number[];
  readonly maxFirst: number;
  readonly minFirst: number;
  readonly maxLast: number;
  readonly minLast: number;
}

/** The binding made of observation `i` alone. */
export function single(i: number, o: Observation): Binding {
  return { obs: [i], maxFirst: o.first, minFirst: o.first, maxLast: o.last, minLast: o.last };
}

/** Joins two bindings when no observation is used more often than its number_observed; else undefined. */
export function join(a: Binding, b: Binding, observations: readonly Observation[]): Binding | undefined {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.obs.length || j < b.obs.length) {
    const x = a.obs[i] ?? Number.POSITIVE_INFINITY;
    const y = b.obs[j] ?? Number.POSITIVE_INFINITY;
    const next = Math.min(x, y);
    if (x <= y) i++;
    else j++;
    merged.push(next);
  }
  // 9.5.2: each side must match on different observations.
  let run = 1;
  for (let k = 1; k < merged.length; k++) {
    run = merged[k] === merged[k - 1] ? run + 1 : 1;
    if (run > (observations[merged[k] as number]?.count ?? 1)) return undefined;
  }
  return {
    obs: merged,
    maxFirst: Math.max(a.maxFirst, b.maxFirst),
    minFirst: Math.min(a.minFirst, b.minFirst),
    maxLast: Math.max(a.maxLast, b.maxLast),
    minLast: Math.min(a.minLast, b.minLast),
  };
}

/** A de-duplicated list of bindings that refuses to grow beyond `max` (the maxBindings limit). */
export class BindingList {
  private readonly seen = new Set<string>();
  readonly items: Binding[] = [];

  constructor(private readonly max: number) {}

  add(b: Binding): void {
    const key = b.obs.join(',');
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(b);
    if (this.items.length > this.max)
      throw new PatternError(
        'PATTERN_LIMIT_EXCEEDED',
        `more than ${this.max} partial matches (maxBindings): too many observations for this pattern`,
      );
  }
}

/**
 * 9.5.1 WITHIN: there is a choice of one instant in each observation's interval such that the
 * latest is less than the earliest plus the window (intervals are [first_observed, last_observed]).
 */
export const fitsWithin = (b: Binding, ms: number): boolean => b.maxFirst - b.minLast < ms;

/** 9.5.1 START/STOP: every observation lies within [start, stop). */
export const fitsStartStop = (b: Binding, start: number, stop: number): boolean =>
  b.minFirst >= start && b.maxLast < stop;

/** 9.5.2 FOLLOWEDBY: every observation of `b` may be at or after every observation of `a`. */
export const follows = (a: Binding, b: Binding): boolean => a.maxFirst <= b.minLast;
