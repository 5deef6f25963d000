/** Evaluating one pattern against a list of STIX objects (CONTRACT.md `accord pattern eval`). */
import type { SpecVersion } from '../ast.js';
import type { PatternLimits } from '../limits.js';
import { PatternError } from '../pattern-error.js';
import type { RegexCache } from '../regex.js';
import { validatePattern } from '../validate.js';
import { compilePattern } from './compile-pattern.js';
import { readObservations } from './observation-set.js';

/** Options of `evaluatePattern`. */
export interface EvaluateOptions {
  readonly specVersion?: SpecVersion;
  readonly limits?: Partial<PatternLimits> | undefined;
}

/**
 * True when the observations (2.0 observed-data with embedded `objects`, or 2.1 observed-data
 * plus the SCOs of their `object_refs`) satisfy the pattern. Throws PatternError when the pattern is
 * invalid (9.4: an invalid pattern matches nothing) or cannot be evaluated within the limits.
 */
export function evaluatePattern(pattern: string, objects: unknown, options: EvaluateOptions = {}): boolean {
  const regexCache: RegexCache = new Map();
  const result = validatePattern(pattern, { ...options, regexCache });
  if (!result.ok) {
    const first = result.issues.find((i) => i.severity === 'error') ?? result.issues[0];
    throw new PatternError(
      first?.code ?? 'PATTERN_EXPECTED_TOKEN',
      first?.message ?? 'invalid pattern',
      pattern,
      first?.offset ?? 0,
    );
  }
  const observations = readObservations(objects);
  return compilePattern(result.value, { limits: options.limits, regexCache }).matches(observations);
}
