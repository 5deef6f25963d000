/** Public surface of the STIX Patterning library (spec section 9): parse, validate, evaluate, indicator sets. */
export type * from './ast.js';
export { PATTERN_ERROR_CODES, type PatternErrorCode } from './error-codes.js';
export { type Correlator, type CorrelatorOptions, createCorrelator } from './indicator-set/correlator.js';
export {
  compileIndicatorSet,
  type IndicatorSet,
  type IndicatorSetOptions,
  type PatternInput,
} from './indicator-set/indicator-set.js';
export {
  createPatternIndex,
  type IndexedKeys,
  indexedKeyCounts,
  observationLeaves,
  type PatternIndex,
} from './indicator-set/pattern-index.js';
export { DEFAULT_PATTERN_LIMITS, type PatternLimits } from './limits.js';
export { type CompiledPattern, compilePattern } from './matcher/compile-pattern.js';
export { type EvaluateOptions, evaluatePattern } from './matcher/evaluate.js';
export { type JsonObject, type Observation, readObservations } from './matcher/observation-set.js';
export { type ParseOptions, parsePattern } from './parser.js';
export { PatternError, positionAt, renderCaret, type SourcePosition } from './pattern-error.js';
export {
  checkPattern,
  type PatternIssue,
  type PatternValidation,
  type ValidateOptions,
  validatePattern,
} from './validate.js';
