/** Limits of the pattern engine: part of the API because patterns and observations come from untrusted peers. */
export interface PatternLimits {
  /** Longest pattern accepted, in UTF-16 code units (default 100,000). */
  readonly maxLength: number;
  /** Deepest nesting of parentheses and brackets (default 100). */
  readonly maxDepth: number;
  /** Most comparison and observation nodes in one pattern (default 10,000). */
  readonly maxNodes: number;
  /** Largest `REPEATS n TIMES` count (default 1,000). */
  readonly maxRepeats: number;
  /** Most partial matches (bindings of observations) one pattern node may hold while evaluating (default 10,000). */
  readonly maxBindings: number;
}

/** The documented default limits. */
export const DEFAULT_PATTERN_LIMITS: PatternLimits = {
  maxLength: 100_000,
  maxDepth: 100,
  maxNodes: 10_000,
  maxRepeats: 1_000,
  maxBindings: 10_000,
};

/** Fills the omitted limits with their defaults. */
export function resolveLimits(partial?: Partial<PatternLimits>): PatternLimits {
  return { ...DEFAULT_PATTERN_LIMITS, ...partial };
}
