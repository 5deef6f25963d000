/** Compiles a parsed pattern into an evaluator over observations with the semantics of section 9.5. */
import type { ObservationExpression, Pattern } from '../ast.js';
import { type PatternLimits, resolveLimits } from '../limits.js';
import { PatternError } from '../pattern-error.js';
import type { RegexCache } from '../regex.js';
import { type Binding, BindingList, fitsStartStop, fitsWithin, follows, join, single } from './bindings.js';
import { countedChain, countRepeats } from './counted-repeats.js';
import type { Observation } from './observation-set.js';
import { compileObservationTest, type ObservationTest } from './observation-test.js';

/** A pattern ready to evaluate: `matches` tells whether some observations satisfy it (9.4). */
export interface CompiledPattern {
  readonly pattern: Pattern;
  matches(observations: readonly Observation[]): boolean;
}

type Node = (observations: readonly Observation[]) => Binding[];

/** Options of `compilePattern`: limits, and a regex cache to share compiled MATCHES expressions. */
export interface CompileOptions {
  readonly limits?: Partial<PatternLimits> | undefined;
  readonly regexCache?: RegexCache | undefined;
}

/** Compiles `pattern`; MATCHES regexes are compiled here (and fail here if RE2 cannot run them). */
export function compilePattern(pattern: Pattern, options: CompileOptions = {}): CompiledPattern {
  const { maxBindings } = resolveLimits(options.limits);
  const cache = options.regexCache;
  // `existence`: the caller only asks whether any binding exists (the root, and OR below it),
  // so a REPEATS chain over single observations may be counted rather than enumerated.
  const compileNode = (expr: ObservationExpression, existence = false): Node => {
    const chain = existence ? countedChain(expr) : undefined;
    if (chain) {
      const base = compileNode(chain.base);
      return (all) => countRepeats(chain, base(all), all);
    }
    switch (expr.kind) {
      case 'observation': {
        const test = compileObservationTest(expr.expression, pattern.specVersion, pattern.source, cache);
        return (all) => {
          const out = new BindingList(maxBindings);
          all.forEach((o, i) => {
            if (test(o)) out.add(single(i, o));
          });
          return out.items;
        };
      }
      case 'obs-or': {
        const [l, r] = [compileNode(expr.left, existence), compileNode(expr.right, existence)];
        return (all) => {
          const out = new BindingList(maxBindings);
          for (const b of l(all)) out.add(b);
          for (const b of r(all)) out.add(b);
          return out.items;
        };
      }
      case 'obs-and':
      case 'followedby': {
        const [l, r] = [compileNode(expr.left), compileNode(expr.right)];
        const ordered = expr.kind === 'followedby';
        return (all) => {
          const left = l(all);
          if (left.length === 0) return [];
          const right = r(all);
          // Joining is quadratic: refuse work beyond 100 × maxBindings pairs rather than stall.
          if (left.length * right.length > maxBindings * 100) throw tooMuchWork(maxBindings);
          const out = new BindingList(maxBindings);
          for (const a of left)
            for (const b of right) {
              if (ordered && !follows(a, b)) continue;
              const j = join(a, b, all);
              if (j) out.add(j);
            }
          return out.items;
        };
      }
      case 'repeats': {
        const inner = compileNode(expr.expression);
        const times = expr.times;
        return (all) => repeat(inner(all), times, all, maxBindings);
      }
      case 'within': {
        const inner = compileNode(expr.expression);
        const ms = expr.seconds * 1000;
        return (all) => inner(all).filter((b) => fitsWithin(b, ms));
      }
      case 'startstop': {
        const inner = compileNode(expr.expression);
        const [start, stop] = [expr.start.ms, expr.stop.ms];
        return (all) => inner(all).filter((b) => fitsStartStop(b, start, stop));
      }
    }
  };
  return {
    pattern,
    matches: fastPath(pattern.root, pattern, cache) ?? exhaustive(compileNode(pattern.root, true)),
  };
}

function exhaustive(node: Node): (observations: readonly Observation[]) => boolean {
  return (all) => node(all).length > 0;
}

/** A single observation expression (optionally with START/STOP) needs no bindings: any one observation will do. */
function fastPath(
  root: ObservationExpression,
  pattern: Pattern,
  cache: RegexCache | undefined,
): ((all: readonly Observation[]) => boolean) | undefined {
  let range: [number, number] | undefined;
  let expr = root;
  if (expr.kind === 'startstop') {
    range = [expr.start.ms, expr.stop.ms];
    expr = expr.expression;
  }
  if (expr.kind !== 'observation') return undefined;
  const test: ObservationTest = compileObservationTest(
    expr.expression,
    pattern.specVersion,
    pattern.source,
    cache,
  );
  if (!range) return (all) => all.some(test);
  const [start, stop] = range;
  return (all) => all.some((o) => o.first >= start && o.last < stop && test(o));
}

/** 9.5.1 REPEATS: `times` bindings of the inner expression on different observations, joined. */
function repeat(base: Binding[], times: number, all: readonly Observation[], max: number): Binding[] {
  const used = new Set(base.flatMap((b) => b.obs));
  const capacity = [...used].reduce((s, i) => s + (all[i]?.count ?? 1), 0);
  if (base.length === 0 || capacity < times) return [];
  let layer = base;
  // Each layer holds the distinct observation multisets of k joined bindings, so order never matters.
  for (let k = 1; k < times && layer.length > 0; k++) {
    if (layer.length * base.length > max * 100) throw tooMuchWork(max);
    const out = new BindingList(max);
    for (const b of layer)
      for (const c of base) {
        const joined = join(b, c, all);
        if (joined) out.add(joined);
      }
    layer = out.items;
  }
  return layer;
}

function tooMuchWork(maxBindings: number): PatternError {
  return new PatternError(
    'PATTERN_LIMIT_EXCEEDED',
    `joining observations would take more than ${maxBindings * 100} steps (100 × maxBindings)`,
  );
}
