/**
 * What an event must contain for a pattern to have any chance to match: a disjunction of index
 * keys. Every match of the pattern hits at least one of its keys, so a pattern whose keys an event
 * does not hit cannot match it, and only hit patterns need full evaluation.
 */
import type { ComparisonExpression, Literal, ObservationExpression, PathStep, Pattern } from '../ast.js';
import { type IpNetwork, parseIpNetwork } from '../matcher/ip-network.js';
import { isBinaryKey } from '../matcher/value-predicate.js';
import { anchoredRegexPrefix } from '../regex.js';

/** One index key: an object type plus, except for `type`, a path and what the value must be. */
export type IndexKey =
  | { readonly kind: 'type'; readonly type: string }
  | {
      readonly kind: 'eq';
      readonly type: string;
      readonly steps: readonly PathStep[];
      readonly value: string;
    }
  | {
      readonly kind: 'cidr' | 'ip';
      readonly type: string;
      readonly steps: readonly PathStep[];
      readonly net: IpNetwork;
    }
  | {
      readonly kind: 'prefix' | 'suffix';
      readonly type: string;
      readonly steps: readonly PathStep[];
      readonly text: string;
    };

const COST = { eq: 1, ip: 1, cidr: 2, prefix: 4, suffix: 4, type: 1000 } as const;
const cost = (keys: readonly IndexKey[]): number => keys.reduce((s, k) => s + COST[k.kind], 0);

/** The name of the property a path ends on (the list's name when it ends with an index). */
export function finalKey(steps: readonly PathStep[]): string {
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i] as PathStep;
    if (s.kind === 'key') return s.name;
  }
  return '';
}

function equalityKeys(type: string, steps: readonly PathStep[], lit: Literal): IndexKey[] | undefined {
  if (lit.kind !== 'string') return undefined;
  const keys: IndexKey[] = [{ kind: 'eq', type, steps, value: lit.value }];
  // '198.51.100.1/32' equals '198.51.100.1' on IP objects (9.3), so index the network too.
  const net = parseIpNetwork(lit.value);
  if (net) keys.push({ kind: 'ip', type, steps, net });
  return keys;
}

function affixKey(
  type: string,
  steps: readonly PathStep[],
  text: string,
  wildcards: boolean,
): IndexKey | undefined {
  if (!wildcards) return undefined;
  const first = text.search(/[%_]/);
  if (first > 0) return { kind: 'prefix', type, steps, text: text.slice(0, first) };
  const tail = text.slice(Math.max(text.lastIndexOf('%'), text.lastIndexOf('_')) + 1);
  return tail ? { kind: 'suffix', type, steps, text: tail } : undefined;
}

function comparisonKeys(expr: ComparisonExpression): IndexKey[] {
  switch (expr.kind) {
    case 'exists':
      return [{ kind: 'type', type: expr.path.objectType }];
    case 'or':
      return expr.operands.flatMap(comparisonKeys);
    case 'and': {
      let best: IndexKey[] | undefined;
      for (const op of expr.operands) {
        const keys = comparisonKeys(op);
        if (!best || cost(keys) < cost(best)) best = keys;
      }
      return best ?? [];
    }
    case 'comparison':
      break;
  }
  const { objectType: type, steps } = expr.path;
  const fallback: IndexKey[] = [{ kind: 'type', type }];
  if (expr.negated || isBinaryKey(finalKey(steps))) return fallback;
  const lit = Array.isArray(expr.value) ? undefined : (expr.value as Literal);
  switch (expr.operator) {
    case '=':
      return (lit && equalityKeys(type, steps, lit)) ?? fallback;
    case 'IN': {
      const keys = (expr.value as readonly Literal[]).map((l) => equalityKeys(type, steps, l));
      return keys.every((k) => k !== undefined) ? keys.flat() : fallback;
    }
    case 'ISSUBSET': {
      const net = lit?.kind === 'string' ? parseIpNetwork(lit.value) : undefined;
      return net ? [{ kind: 'cidr', type, steps, net }] : fallback;
    }
    case 'LIKE': {
      if (lit?.kind !== 'string') return fallback;
      const text = lit.value.normalize('NFC');
      const wildcards = /[%_]/.test(text);
      const key = affixKey(type, steps, text, wildcards);
      // Without wildcards LIKE is equality of NFC forms: the whole text is a prefix of the NFC value.
      if (!wildcards && text.length > 0) return [{ kind: 'prefix', type, steps, text }];
      return key ? [key] : fallback;
    }
    case 'MATCHES': {
      const prefix = lit?.kind === 'string' ? anchoredRegexPrefix(lit.value) : undefined;
      return prefix ? [{ kind: 'prefix', type, steps, text: prefix }] : fallback;
    }
    default:
      return fallback;
  }
}

function observationKeys(expr: ObservationExpression): IndexKey[] {
  switch (expr.kind) {
    case 'observation':
      return comparisonKeys(expr.expression);
    case 'obs-or':
      return [...observationKeys(expr.left), ...observationKeys(expr.right)];
    case 'obs-and':
    case 'followedby': {
      // Both sides must match, so the keys of either side are necessary: take the cheaper.
      const [l, r] = [observationKeys(expr.left), observationKeys(expr.right)];
      return cost(l) <= cost(r) ? l : r;
    }
    default:
      return observationKeys(expr.expression);
  }
}

/** The index keys of a pattern (never empty: every comparison names an object type). */
export function patternKeys(pattern: Pattern): IndexKey[] {
  return observationKeys(pattern.root);
}

/** Every Observation Expression `[…]` of a pattern (the leaves of 9.5's tree). */
export function observationLeaves(
  expr: ObservationExpression,
): Array<ObservationExpression & { kind: 'observation' }> {
  switch (expr.kind) {
    case 'observation':
      return [expr];
    case 'obs-and':
    case 'obs-or':
    case 'followedby':
      return [...observationLeaves(expr.left), ...observationLeaves(expr.right)];
    default:
      return observationLeaves(expr.expression);
  }
}

/** Keys hit by any observation that satisfies some leaf of the pattern (for correlation across events). */
export function leafKeys(pattern: Pattern): IndexKey[] {
  return observationLeaves(pattern.root).flatMap((leaf) => comparisonKeys(leaf.expression));
}
