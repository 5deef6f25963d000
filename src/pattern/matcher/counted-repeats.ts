/**
 * REPEATS answered by counting instead of enumerating (9.5.1). `[x] REPEATS 10 TIMES` over 40
 * matching observations has C(40, 10) ≈ 850 million bindings; whether one exists only needs the
 * matching observations counted, inside a sliding time window when WITHIN applies.
 */
import type { ObservationExpression } from '../ast.js';
import type { Binding } from './bindings.js';
import type { Observation } from './observation-set.js';

/** A qualifier chain over an expression whose every binding is one observation. */
export interface CountedChain {
  /** The expression below the chain: an observation expression, or an OR of them. */
  readonly base: ObservationExpression;
  /** How many different observations the chain needs (the product of stacked REPEATS). */
  readonly times: number;
  /** The narrowest WITHIN above every REPEATS, in milliseconds. */
  readonly withinMs: number | undefined;
  /** START/STOP windows of the chain: every observation must lie in each. */
  readonly ranges: ReadonlyArray<readonly [number, number]>;
}

/** True when every binding of `expr` is a single observation (no AND, FOLLOWEDBY or qualifier but START/STOP). */
function singleObservation(expr: ObservationExpression): boolean {
  switch (expr.kind) {
    case 'observation':
      return true;
    case 'obs-or':
      return singleObservation(expr.left) && singleObservation(expr.right);
    case 'startstop':
      return singleObservation(expr.expression);
    default:
      return false;
  }
}

/**
 * The counted form of `expr` when it is REPEATS (possibly stacked, under WITHIN and START/STOP)
 * over single observations, with no WITHIN below a REPEATS; undefined otherwise.
 */
export function countedChain(expr: ObservationExpression): CountedChain | undefined {
  let times = 1;
  let withinMs: number | undefined;
  let repeated = false;
  const ranges: Array<readonly [number, number]> = [];
  let node = expr;
  for (;;) {
    if (node.kind === 'repeats') {
      times *= node.times;
      repeated = true;
    } else if (node.kind === 'within') {
      // A WITHIN below a REPEATS bounds each group on its own: not a single window.
      if (repeated) return undefined;
      withinMs = Math.min(withinMs ?? Number.POSITIVE_INFINITY, node.seconds * 1000);
    } else if (node.kind === 'startstop') {
      ranges.push([node.start.ms, node.stop.ms]);
    } else break;
    node = node.expression;
  }
  if (!repeated || !singleObservation(node)) return undefined;
  return { base: node, times, withinMs, ranges };
}

/**
 * Whether `times` different observations among `singles` (each usable number_observed times)
 * fit the chain: inside every START/STOP window (each observation's [first, last] in [start,
 * stop)), and with WITHIN a choice of one instant per observation whose latest is less than the
 * earliest plus the window. Choosing the latest instant T as some observation's first_observed,
 * observation i can join when first_i <= T and last_i > T - window. Returns one binding standing
 * for the answer, or none.
 */
export function countRepeats(
  chain: CountedChain,
  singles: readonly Binding[],
  all: readonly Observation[],
): Binding[] {
  const slots = singles.filter((b) =>
    chain.ranges.every(([start, stop]) => b.minFirst >= start && b.maxLast < stop),
  );
  const weight = (b: Binding): number => all[b.obs[0] as number]?.count ?? 1;
  const { times, withinMs } = chain;
  if (withinMs === undefined) {
    let total = 0;
    for (const b of slots) {
      total += weight(b);
      if (total >= times) return [slots[0] as Binding];
    }
    return [];
  }
  for (const anchor of slots) {
    const t = anchor.maxFirst;
    let total = 0;
    for (const b of slots) {
      if (b.maxFirst > t || t - b.minLast >= withinMs) continue;
      total += weight(b);
      if (total >= times) return [anchor];
    }
  }
  return [];
}
