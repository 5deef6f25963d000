/**
 * Comparisons read back from STIX: from an indicator's pattern (its `path = constant`
 * comparisons, with the `…_ref.type` ones folded into the comparisons they qualify) and from an
 * observation's SCO graph (every property reached from a root SCO, references followed).
 */

import { isIPv4, isIPv6 } from 'node:net';
import {
  type ComparisonExpression,
  type Literal,
  type ObservationExpression,
  parsePattern,
} from '../../../pattern/index.js';
import { formatMicros, microsFromMillis } from '../../../stix/index.js';
import { type Comparison, innermostRef, isRefStep, type ObjectPath, type Step } from '../comparisons.js';
import { ipType } from '../value-kinds.js';

type Json = Readonly<Record<string, unknown>>;

/** What a pattern says in comparisons, and what of it MISP cannot say (`LIKE`, `!=`, qualifiers…). */
export interface PatternComparisons {
  readonly comparisons: readonly Comparison[];
  readonly unsupported: readonly string[];
}

const isIp = (v: string) => isIPv4(v.split('/')[0]!) || isIPv6(v.split('/')[0]!);

function constant(l: Literal): string | number | boolean | undefined {
  if (l.kind === 'timestamp') return formatMicros(microsFromMillis(l.ms), 3).replace('.000Z', 'Z');
  if (l.kind === 'binary' || l.kind === 'hex') return undefined;
  return l.value as string | number | boolean;
}

/** The comparisons of a STIX pattern (9); undefined when it does not parse. */
export function patternComparisons(pattern: string): PatternComparisons | undefined {
  let root: ObservationExpression;
  try {
    root = parsePattern(pattern).root;
  } catch {
    return undefined;
  }
  const raw: { path: ObjectPath; value: string | number | boolean; timestamp: boolean }[] = [];
  const unsupported: string[] = [];
  const comparison = (e: ComparisonExpression, negatedContext: boolean): void => {
    if (e.kind === 'exists') {
      unsupported.push('EXISTS');
      return;
    }
    if (e.kind !== 'comparison') {
      for (const op of e.operands) comparison(op, negatedContext);
      return;
    }
    const value = Array.isArray(e.value) ? undefined : constant(e.value as Literal);
    if (e.operator !== '=' || e.negated || negatedContext || value === undefined) {
      unsupported.push(`${e.negated ? 'NOT ' : ''}${e.operator}`);
      return;
    }
    const steps: Step[] = e.path.steps.map((s) => (s.kind === 'key' ? s.name : s.index));
    raw.push({
      path: { type: e.path.objectType, steps },
      value,
      timestamp: (e.value as Literal).kind === 'timestamp',
    });
  };
  const observation = (o: ObservationExpression): void => {
    if (o.kind === 'observation') comparison(o.expression, false);
    else if ('left' in o) {
      if (o.kind === 'followedby') unsupported.push('FOLLOWEDBY');
      observation(o.left);
      observation(o.right);
    } else {
      unsupported.push(o.kind.toUpperCase());
      observation(o.expression);
    }
  };
  observation(root);
  // `x_ref.type = 'T'` states what a reference points to: it qualifies the comparisons through it.
  const key = (p: ObjectPath, n: number) => `${p.type}:${JSON.stringify(p.steps.slice(0, n))}`;
  const refTypes = new Map<string, string>();
  for (const c of raw) {
    const last = c.path.steps.at(-1);
    const ref = c.path.steps.length - 2;
    if (last === 'type' && ref >= 0 && isRefStep(c.path.steps[ref]!) && typeof c.value === 'string')
      refTypes.set(key(c.path, ref + 1), c.value);
  }
  const comparisons: Comparison[] = [];
  for (const c of raw) {
    const steps = c.path.steps;
    if (steps.at(-1) === 'type' && steps.length >= 2 && isRefStep(steps[steps.length - 2]!)) continue;
    const r = innermostRef(c.path);
    let refType: string | undefined;
    if (r >= 0) {
      refType = refTypes.get(key(c.path, r + 1));
      if (refType === undefined && typeof c.value === 'string' && steps.at(-1) === 'value')
        refType = isIp(c.value) ? ipType(c.value) : 'domain-name';
    }
    comparisons.push({
      path: c.path,
      value: c.value,
      ...(c.timestamp ? { timestamp: true } : {}),
      ...(refType ? { refType } : {}),
    });
  }
  return { comparisons, unsupported };
}

/** Properties that say nothing about what was observed. */
const SKIPPED = new Set([
  'type',
  'id',
  'spec_version',
  'object_marking_refs',
  'granular_markings',
  'defanged',
]);

/**
 * The comparisons an observation's SCO graph holds, from `root`: each primitive property, in
 * lists and dictionaries too; references followed through `byId` (each object once).
 */
export function observationComparisons(root: Json, byId: ReadonlyMap<string, Json>): Comparison[] {
  const out: Comparison[] = [];
  const visited = new Set<string>([String(root.id)]);
  const walk = (
    value: unknown,
    type: string,
    steps: Step[],
    refType: string | undefined,
    depth: number,
  ): void => {
    if (depth > 12) return;
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, type, [...steps, i], refType, depth + 1);
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, type, [...steps, k], refType, depth + 1);
      return;
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return;
    const last = steps.at(-1);
    const isRef =
      typeof last === 'string' ? isRefStep(last) : steps.length >= 2 && isRefStep(steps[steps.length - 2]!);
    if (isRef && typeof value === 'string') {
      const target = byId.get(value);
      if (target === undefined || visited.has(value)) return;
      visited.add(value);
      object(target, type, steps, String(target.type), depth + 1);
      return;
    }
    out.push({ path: { type, steps }, value, ...(refType ? { refType } : {}) });
  };
  const object = (
    o: Json,
    type: string,
    prefix: Step[],
    refType: string | undefined,
    depth: number,
  ): void => {
    for (const [k, v] of Object.entries(o))
      if (!SKIPPED.has(k)) walk(v, type, [...prefix, k], refType, depth);
  };
  object(root, String(root.type), [], undefined, 0);
  return out;
}
