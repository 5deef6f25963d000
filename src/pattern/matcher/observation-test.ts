/** Compiles the inside of one Observation Expression `[…]` into a test of one observation (9.5, 9.6). */
import type { ComparisonExpression, SpecVersion } from '../ast.js';
import type { RegexCache } from '../regex.js';
import { walkPath } from './object-path.js';
import type { JsonObject, Observation } from './observation-set.js';
import { valuePredicate } from './value-predicate.js';

/** Does this observation satisfy the comparison expression? */
export type ObservationTest = (obs: Observation) => boolean;

type RootTest = (root: JsonObject, obs: Observation) => boolean;

/** The object types a root SCO may have for the expression to hold (2.1 single-root semantics). */
export function rootTypes(expr: ComparisonExpression): Set<string> {
  switch (expr.kind) {
    case 'comparison':
    case 'exists':
      return new Set([expr.path.objectType]);
    case 'or': {
      const all = new Set<string>();
      for (const op of expr.operands) for (const t of rootTypes(op)) all.add(t);
      return all;
    }
    case 'and': {
      let acc: Set<string> | undefined;
      for (const op of expr.operands) {
        const types = rootTypes(op);
        acc = acc ? new Set([...acc].filter((t) => types.has(t))) : types;
      }
      return acc ?? new Set();
    }
  }
}

function compileRootTest(expr: ComparisonExpression, source: string, cache?: RegexCache): RootTest {
  switch (expr.kind) {
    case 'comparison': {
      const { objectType, steps } = expr.path;
      const pred = valuePredicate(expr.operator, expr.negated, expr.value, source, cache);
      return (root, obs) => root.type === objectType && walkPath(root, steps, obs, pred);
    }
    case 'exists': {
      const { objectType, steps } = expr.path;
      return (root, obs) => root.type === objectType && walkPath(root, steps, obs, () => true);
    }
    case 'and': {
      const tests = expr.operands.map((op) => compileRootTest(op, source, cache));
      return (root, obs) => tests.every((t) => t(root, obs));
    }
    case 'or': {
      const tests = expr.operands.map((op) => compileRootTest(op, source, cache));
      return (root, obs) => tests.some((t) => t(root, obs));
    }
  }
}

/** The operands of nested ANDs, flattened (AND is associative). */
function andOperands(expr: ComparisonExpression): ComparisonExpression[] {
  return expr.kind === 'and' ? expr.operands.flatMap(andOperands) : [expr];
}

/** A test that some object of `type` in the observation passes `test`. */
function someRoot(type: string, test: RootTest): ObservationTest {
  return (obs) => (obs.byType.get(type) ?? []).some((root) => test(root, obs));
}

/**
 * STIX 2.0 reading: comparisons on different object types joined by AND may hold on different
 * objects of the observation, but those on one object type must hold on one and the same object
 * of it ([person:name = 'alice' AND person:age > 10] never pairs two people).
 */
function compileLooseTest(expr: ComparisonExpression, source: string, cache?: RegexCache): ObservationTest {
  switch (expr.kind) {
    case 'comparison':
    case 'exists':
      return someRoot(expr.path.objectType, compileRootTest(expr, source, cache));
    case 'and': {
      const byType = new Map<string, ComparisonExpression[]>();
      const tests: ObservationTest[] = [];
      for (const op of andOperands(expr)) {
        if ('operands' in op) tests.push(compileLooseTest(op, source, cache));
        else {
          const group = byType.get(op.path.objectType);
          if (group) group.push(op);
          else byType.set(op.path.objectType, [op]);
        }
      }
      for (const [type, group] of byType) {
        const same = group.map((op) => compileRootTest(op, source, cache));
        tests.push(someRoot(type, (root, obs) => same.every((t) => t(root, obs))));
      }
      return (obs) => tests.every((t) => t(obs));
    }
    case 'or': {
      const tests = expr.operands.map((op) => compileLooseTest(op, source, cache));
      return (obs) => tests.some((t) => t(obs));
    }
  }
}

/**
 * Compiles `[expr]`. In STIX 2.1 every comparison must hold starting from one and the same SCO
 * (9.5); in 2.0 mode each comparison may use any object of the same observation.
 */
export function compileObservationTest(
  expr: ComparisonExpression,
  specVersion: SpecVersion,
  source: string,
  cache?: RegexCache,
): ObservationTest {
  if (specVersion === '2.0') return compileLooseTest(expr, source, cache);
  const test = compileRootTest(expr, source, cache);
  const types = [...rootTypes(expr)];
  return (obs) => {
    for (const type of types) {
      const roots = obs.byType.get(type);
      if (roots) for (const root of roots) if (test(root, obs)) return true;
    }
    return false;
  };
}
