/**
 * Compiles indicators for detection: each pattern validated (section 9) and read the detection way
 * (hashes), then indexed. Patterns of one observation are matched event by event; patterns that
 * span events (AND/OR/FOLLOWEDBY of observations, REPEATS, WITHIN) go to the correlator.
 * Hostile indicators are refused: a pattern that cannot be indexed is evaluated on every event of
 * its object types, so it may hold only a few comparisons.
 */
import {
  type CompiledPattern,
  compilePattern,
  createPatternIndex,
  indexedKeyCounts,
  type ObservationExpression,
  observationLeaves,
  type Pattern,
  type PatternIndex,
  type PatternLimits,
  type ValidateOptions,
  validatePattern,
} from '../../pattern/index.js';
import type { DetectIndicator, RejectedIndicator } from './detect-indicator.js';
import { detectionPattern } from './detection-pattern.js';

/** Limits of compiling indicators for detection. */
export interface CompileIndicatorOptions {
  /**
   * Pattern limits (src/pattern); detection lowers maxBindings to 1,000 by default, so that one
   * evaluation of a pattern spanning events joins at most 100,000 bindings.
   */
  readonly limits?: Partial<PatternLimits> | undefined;
  /** Most comparisons (IN members counted) in a pattern that cannot be indexed (default 64). */
  readonly maxUnindexedComparisons?: number;
  /** How far apart events may be for a pattern spanning events without WITHIN (default 86,400 s). */
  readonly horizonSeconds?: number;
}

/** Detection's default maxBindings (see CompileIndicatorOptions.limits). */
export const DETECT_MAX_BINDINGS = 1000;

/** A pattern spanning events: the whole, each observation expression alone, and its time horizon. */
export interface CorrelatedPattern {
  readonly whole: CompiledPattern;
  readonly leaves: readonly CompiledPattern[];
  readonly horizonMs: number;
}

/** The compiled indicators of one detection run. */
export interface CompiledIndicators {
  readonly indicators: readonly DetectIndicator[];
  /** Single-observation patterns by indicator position, and their index. */
  readonly single: ReadonlyArray<CompiledPattern | undefined>;
  readonly singleIndex: PatternIndex;
  /** Patterns spanning events by indicator position, indexed by the keys of their observation expressions. */
  readonly correlated: ReadonlyMap<number, CorrelatedPattern>;
  readonly correlatedIndex: PatternIndex;
  readonly rejected: readonly RejectedIndicator[];
  readonly warnings: readonly string[];
}

/**
 * Whether a pattern needs several events: AND, FOLLOWEDBY, REPEATS and WITHIN do; an OR of
 * observation expressions that do not (9.5: either side matching one event is a match) and
 * START/STOP around such an expression are answered on one event, like a single observation.
 */
function spansEvents(root: ObservationExpression): boolean {
  switch (root.kind) {
    case 'observation':
      return false;
    case 'startstop':
      return spansEvents(root.expression);
    case 'obs-or':
      return spansEvents(root.left) || spansEvents(root.right);
    default:
      return true;
  }
}

function comparisons(p: Pattern): number {
  let n = 0;
  const visit = (e: unknown): void => {
    if (typeof e !== 'object' || e === null) return;
    const x = e as { kind?: string; value?: unknown; operands?: unknown[] };
    if (x.kind === 'comparison') n += Array.isArray(x.value) ? x.value.length : 1;
    else if (x.kind === 'exists') n++;
    for (const op of x.operands ?? []) visit(op);
  };
  for (const leaf of observationLeaves(p.root)) visit(leaf.expression);
  return n;
}

/** The WITHIN of the root (its widest when OR joins several), if every branch has one. */
function withinMs(root: ObservationExpression): number | undefined {
  switch (root.kind) {
    case 'within':
      return root.seconds * 1000;
    case 'obs-or': {
      const [l, r] = [withinMs(root.left), withinMs(root.right)];
      return l === undefined || r === undefined ? undefined : Math.max(l, r);
    }
    case 'startstop':
      return withinMs(root.expression);
    default:
      return undefined;
  }
}

/** Validates, rewrites and indexes the indicators. */
export function compileIndicators(
  indicators: readonly DetectIndicator[],
  options: CompileIndicatorOptions = {},
): CompiledIndicators {
  const maxUnindexed = options.maxUnindexedComparisons ?? 64;
  const limits: Partial<PatternLimits> = { maxBindings: DETECT_MAX_BINDINGS, ...options.limits };
  const horizon = (options.horizonSeconds ?? 86_400) * 1000;
  const regexCache: NonNullable<ValidateOptions['regexCache']> = new Map();
  const single: Array<CompiledPattern | undefined> = [];
  const correlated = new Map<number, CorrelatedPattern>();
  const singleIndex = createPatternIndex();
  const correlatedIndex = createPatternIndex();
  const rejected: RejectedIndicator[] = [];
  const warnings: string[] = [];
  indicators.forEach((indicator, id) => {
    single.push(undefined);
    const v = validatePattern(indicator.pattern, {
      specVersion: indicator.specVersion,
      limits,
      regexCache,
    });
    if (!v.ok) {
      const e = v.issues.find((i) => i.severity === 'error') ?? v.issues[0];
      rejected.push({
        id: indicator.id,
        error: e ? `${e.line}:${e.column}: ${e.message}` : 'invalid pattern',
      });
      return;
    }
    const pattern = detectionPattern(v.value);
    const compile = (p: Pattern): CompiledPattern => compilePattern(p, { limits, regexCache });
    let compiled: CompiledPattern;
    try {
      compiled = compile(pattern);
    } catch (err) {
      rejected.push({ id: indicator.id, error: err instanceof Error ? err.message : String(err) });
      return;
    }
    const spans = spansEvents(pattern.root);
    const probe = indexedKeyCounts(pattern, spans ? 'leaves' : 'pattern');
    if (probe.typeOnly > 0 && comparisons(pattern) > maxUnindexed) {
      rejected.push({
        id: indicator.id,
        error: `the pattern has no value to index, so it would be evaluated on every event of its object types; such a pattern may hold at most ${maxUnindexed} comparisons (it has ${comparisons(pattern)})`,
      });
      return;
    }
    if (!spans) {
      single[id] = compiled;
      singleIndex.add(id, pattern, 'pattern');
      return;
    }
    const within = withinMs(pattern.root);
    if (within === undefined)
      warnings.push(
        `indicator ${indicator.id}: spans events without WITHIN; events at most ${horizon / 1000} s apart are correlated (default horizon)`,
      );
    correlated.set(id, {
      whole: compiled,
      leaves: observationLeaves(pattern.root).map((root) => compile({ ...pattern, root })),
      horizonMs: within ?? horizon,
    });
    correlatedIndex.add(id, pattern, 'leaves');
  });
  return { indicators, single, singleIndex, correlated, correlatedIndex, rejected, warnings };
}
