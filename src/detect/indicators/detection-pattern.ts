/**
 * Detection's reading of hashes (CONTRACT.md "Detection"): `SHA-256`, `SHA256` and `sha256` name
 * one hash key and hex digests compare case-insensitively. The indicator is never rewritten; only
 * the AST that detection compiles from it is, to the form the adapters write (hash-algorithm-ov
 * names, lower-case hex). `pattern eval` stays exact.
 */
import type {
  ComparisonExpression,
  Literal,
  ObservationExpression,
  PathStep,
  Pattern,
} from '../../pattern/index.js';
import { canonicalHashName, isHexHashName } from '../model/canonical-values.js';

/** The canonical hash algorithm a path compares, when the path ends `…hashes.<algorithm>`. */
function hashStep(steps: readonly PathStep[]): { steps: PathStep[]; hex: boolean } | undefined {
  let changed = false;
  let hex = false;
  const out = steps.map((s, i) => {
    const prev = steps[i - 1];
    if (s.kind !== 'key' || prev?.kind !== 'key' || prev.name !== 'hashes') return s;
    const name = canonicalHashName(s.name);
    hex = i === steps.length - 1 && isHexHashName(name);
    if (name === s.name) return s;
    changed = true;
    return { ...s, name };
  });
  return changed || hex ? { steps: out, hex } : undefined;
}

const lower = (l: Literal): Literal => (l.kind === 'string' ? { ...l, value: l.value.toLowerCase() } : l);

function comparison(expr: ComparisonExpression): ComparisonExpression {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return { ...expr, operands: expr.operands.map(comparison) };
    case 'exists': {
      const h = hashStep(expr.path.steps);
      return h ? { ...expr, path: { ...expr.path, steps: h.steps } } : expr;
    }
    case 'comparison': {
      const h = hashStep(expr.path.steps);
      if (!h) return expr;
      const path = { ...expr.path, steps: h.steps };
      if (!h.hex) return { ...expr, path };
      switch (expr.operator) {
        case '=':
        case '!=':
        case 'LIKE':
        case 'IN':
          return {
            ...expr,
            path,
            value: Array.isArray(expr.value)
              ? (expr.value as Literal[]).map(lower)
              : lower(expr.value as Literal),
          };
        case 'MATCHES': {
          const lit = expr.value as Literal;
          return lit.kind === 'string'
            ? { ...expr, path, value: { ...lit, value: `(?i)${lit.value}` } }
            : { ...expr, path };
        }
        default:
          return { ...expr, path };
      }
    }
  }
}

function observation(expr: ObservationExpression): ObservationExpression {
  switch (expr.kind) {
    case 'observation':
      return { ...expr, expression: comparison(expr.expression) };
    case 'obs-and':
    case 'obs-or':
    case 'followedby':
      return { ...expr, left: observation(expr.left), right: observation(expr.right) };
    default:
      return { ...expr, expression: observation(expr.expression) };
  }
}

/** The pattern detection compiles: hash keys by their canonical names, hex digests in lower case. */
export function detectionPattern(pattern: Pattern): Pattern {
  return { ...pattern, root: observation(pattern.root) };
}
