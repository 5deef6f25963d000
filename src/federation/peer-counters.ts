/**
 * A peer's cumulative sync counters (issue 17, the Peers screen): what each run adds is merged
 * into the peer's stored state in the same write that moves its cursor, so the counts follow
 * what was committed and a repeated page after a crash is counted as unchanged, not again as new.
 */
import type { PeerCounters, PullCounts, PushCounts, Store } from '../store/index.js';
import { patchPeerState, type StatePatch } from './peer-state.js';

/** Counters of a peer that never ran. */
export const NO_COUNTERS: PeerCounters = Object.freeze({
  pull: Object.freeze({ new: 0, updated: 0, unchanged: 0, refused: 0, invalid: 0, transportErrors: 0 }),
  push: Object.freeze({ sent: 0, refused: 0, transportErrors: 0 }),
});

/** What to add to a peer's counters. */
export interface CounterDelta {
  readonly pull?: Partial<PullCounts>;
  readonly push?: Partial<PushCounts>;
}

function add<T extends object>(base: T, delta: Partial<T> | undefined): T {
  if (delta === undefined) return base;
  const out: Record<string, number> = { ...(base as Record<string, number>) };
  for (const [k, v] of Object.entries(delta)) out[k] = (out[k] ?? 0) + (v as number);
  return out as T;
}

/** `counters` plus `delta` (absent counters count as zero, so older states read well). */
export function addCounters(counters: PeerCounters | undefined, delta: CounterDelta): PeerCounters {
  const base = counters ?? NO_COUNTERS;
  return {
    pull: add({ ...NO_COUNTERS.pull, ...base.pull }, delta.pull),
    push: add({ ...NO_COUNTERS.push, ...base.push }, delta.push),
  };
}

/** Adds `delta` to the peer's stored counters along with the rest of `patch`, in one write. */
export async function countAndPatch(
  store: Store,
  name: string,
  delta: CounterDelta,
  patch: StatePatch = {},
): Promise<void> {
  const current = await store.getPeerState(name);
  await patchPeerState(store, name, { ...patch, counters: addCounters(current?.counters, delta) });
}
