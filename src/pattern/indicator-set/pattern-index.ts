/**
 * An index of already-parsed patterns for callers that read their own observations (detection
 * builds flat observations from log records and compiles patterns it has rewritten): it answers
 * which patterns an event's values can satisfy, leaving evaluation to the caller.
 */
import type { Pattern } from '../ast.js';
import type { Observation } from '../matcher/observation-set.js';
import { type IndexKey, leafKeys, observationLeaves, patternKeys } from './index-keys.js';
import { ValueIndex } from './value-index.js';

/** Which keys index a pattern: those every match must hit, or those of any of its observation expressions. */
export type IndexedKeys = 'pattern' | 'leaves';

/** The candidates of an event among indexed patterns. */
export interface PatternIndex {
  /** Ids (as given to `add`) whose keys the observations hit, first hit first; valid until the next call. */
  candidates(observations: readonly Observation[]): readonly number[];
  /** Registers pattern `id`. */
  add(id: number, pattern: Pattern, keys?: IndexedKeys): void;
  /** How many keys were indexed by value, and how many by object type alone. */
  stats(): { indexed: number; typeOnly: number; paths: number };
}

const keysOf = (pattern: Pattern, keys: IndexedKeys): IndexKey[] =>
  keys === 'pattern' ? patternKeys(pattern) : leafKeys(pattern);

/** An empty index; patterns are added with `add`. */
export function createPatternIndex(): PatternIndex {
  const index = new ValueIndex();
  return {
    candidates: (observations) => index.candidates(observations),
    add: (id, pattern, keys = 'pattern') => index.add(id, keysOf(pattern, keys)),
    stats: () => ({ indexed: index.indexed, typeOnly: index.typeOnly, paths: index.paths }),
  };
}

/**
 * How a pattern would be indexed: keys on values, and keys on an object type alone (which make
 * the pattern a candidate for every event holding that type).
 */
export function indexedKeyCounts(
  pattern: Pattern,
  keys: IndexedKeys = 'pattern',
): { indexed: number; typeOnly: number } {
  const list = keysOf(pattern, keys);
  const typeOnly = list.filter((k) => k.kind === 'type').length;
  return { indexed: list.length - typeOnly, typeOnly };
}

export { observationLeaves };
