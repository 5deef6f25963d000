/**
 * Indicator sets: many patterns compiled into indexes so that matching an event costs about the
 * same whatever the number of patterns; only the patterns an event's values hit are evaluated.
 */
import type { Pattern, SpecVersion } from '../ast.js';
import type { PatternLimits } from '../limits.js';
import { type CompiledPattern, compilePattern } from '../matcher/compile-pattern.js';
import { type Observation, readObservations } from '../matcher/observation-set.js';
import { PatternError } from '../pattern-error.js';
import type { RegexCache } from '../regex.js';
import { type PatternIssue, validatePattern } from '../validate.js';
import { patternKeys } from './index-keys.js';
import { ValueIndex } from './value-index.js';

/** One pattern of a set, with the STIX version whose grammar it uses (default 2.1). */
export interface PatternInput {
  readonly pattern: string;
  readonly specVersion?: SpecVersion | undefined;
}

/** Options of `compileIndicatorSet`. */
export interface IndicatorSetOptions {
  readonly limits?: Partial<PatternLimits> | undefined;
  /** Called when a candidate cannot be evaluated on an event (a limit was exceeded); it then does not match. */
  readonly onEvaluationError?: ((index: number, error: PatternError) => void) | undefined;
}

/** A compiled set: `match` returns the indices (input order) of the patterns an event matches. */
export interface IndicatorSet {
  readonly size: number;
  /** The patterns that did not compile, with their first error; they never match. */
  readonly errors: ReadonlyArray<{ readonly index: number; readonly error: PatternIssue }>;
  /** Matches a list of STIX objects (observed-data and SCOs) as one event, like evaluating each pattern alone. */
  match(objects: unknown): number[];
  /** Matches already-read observations. */
  matchObservations(observations: readonly Observation[]): number[];
  /** How many keys the indexes hold. */
  stats(): { indexed: number; typeOnly: number; paths: number };
}

/** The patterns of a set, validated and compiled, with their ASTs (undefined where invalid). */
export interface CompiledInputs {
  readonly compiled: ReadonlyArray<CompiledPattern | undefined>;
  readonly parsed: ReadonlyArray<Pattern | undefined>;
  readonly errors: Array<{ index: number; error: PatternIssue }>;
}

/** Validates and compiles every input, sharing one regex cache. */
export function compileInputs(
  inputs: Iterable<PatternInput | string>,
  limits: Partial<PatternLimits> | undefined,
): CompiledInputs {
  const compiled: Array<CompiledPattern | undefined> = [];
  const parsed: Array<Pattern | undefined> = [];
  const errors: Array<{ index: number; error: PatternIssue }> = [];
  const regexCache: RegexCache = new Map();
  for (const input of inputs) {
    const { pattern, specVersion } =
      typeof input === 'string' ? { pattern: input, specVersion: undefined } : input;
    const result = validatePattern(pattern, { specVersion: specVersion ?? '2.1', limits, regexCache });
    if (!result.ok) {
      errors.push({
        index: compiled.length,
        error: result.issues.find((i) => i.severity === 'error') as PatternIssue,
      });
      compiled.push(undefined);
      parsed.push(undefined);
      continue;
    }
    compiled.push(compilePattern(result.value, { limits, regexCache }));
    parsed.push(result.value);
  }
  return { compiled, parsed, errors };
}

/** Evaluates `pattern` on the observations; a limit exceeded counts as no match and is reported. */
export function safeMatches(
  pattern: CompiledPattern,
  observations: readonly Observation[],
  id: number,
  onError: IndicatorSetOptions['onEvaluationError'],
): boolean {
  try {
    return pattern.matches(observations);
  } catch (err) {
    if (!(err instanceof PatternError)) throw err;
    onError?.(id, err);
    return false;
  }
}

/** Compiles the patterns (strings or inputs with a spec version) into an indexed set. */
export function compileIndicatorSet(
  inputs: Iterable<PatternInput | string>,
  options: IndicatorSetOptions = {},
): IndicatorSet {
  const { compiled, parsed, errors } = compileInputs(inputs, options.limits);
  const index = new ValueIndex();
  parsed.forEach((p, id) => {
    if (p) index.add(id, patternKeys(p));
  });

  const matchObservations = (observations: readonly Observation[]): number[] => {
    const matched: number[] = [];
    for (const id of index.candidates(observations)) {
      const c = compiled[id];
      if (c && safeMatches(c, observations, id, options.onEvaluationError)) matched.push(id);
    }
    return matched.sort((a, b) => a - b);
  };

  return {
    size: compiled.length,
    errors,
    match: (objects) => matchObservations(readObservations(objects)),
    matchObservations,
    stats: () => ({ indexed: index.indexed, typeOnly: index.typeOnly, paths: index.paths }),
  };
}
