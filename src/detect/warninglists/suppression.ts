/**
 * Which matches a warninglist suppresses: an indicator's constants that name known-benign values
 * (`=`/`IN` on addresses, domains and URLs; ISSUBSET blocks). A match is suppressed when the event
 * holds such a constant's value, i.e. when the benign value is what the event matched on.
 */
import type { ComparisonExpression, Literal, Pattern } from '../../pattern/index.js';
import { observationLeaves } from '../../pattern/index.js';
import type { DraftObject } from '../model/drafts.js';
import type { LogEvent } from '../model/log-event.js';
import type { Warninglists } from './warninglist.js';

const VALUE_TYPES = new Set(['ipv4-addr', 'ipv6-addr', 'domain-name', 'url']);

/** The benign constants of one indicator: value → the warninglist naming it. */
export type BenignValues = ReadonlyMap<string, string>;

function literals(expr: ComparisonExpression, out: string[]): void {
  if (expr.kind === 'and' || expr.kind === 'or') {
    for (const op of expr.operands) literals(op, out);
    return;
  }
  if (expr.kind !== 'comparison' || expr.negated) return;
  const last = expr.path.steps[expr.path.steps.length - 1];
  if (last?.kind !== 'key' || last.name !== 'value') return;
  if (!['=', 'IN', 'ISSUBSET'].includes(expr.operator)) return;
  const values = Array.isArray(expr.value) ? (expr.value as Literal[]) : [expr.value as Literal];
  for (const l of values) if (l.kind === 'string') out.push(l.value);
}

/** The constants of `pattern` that a warninglist names (empty for most indicators). */
export function benignValues(pattern: Pattern, lists: Warninglists): BenignValues {
  const found: string[] = [];
  for (const leaf of observationLeaves(pattern.root)) literals(leaf.expression, found);
  const out = new Map<string, string>();
  for (const v of found) {
    const list = lists.lookup(v);
    if (list) out.set(v.toLowerCase(), list);
  }
  return out;
}

/** The benign value (and its list) the event holds, if any. */
export function suppressedBy(
  event: LogEvent,
  benign: BenignValues,
  lists: Warninglists,
): [string, string] | undefined {
  for (const o of event.objects as DraftObject[]) {
    if (!VALUE_TYPES.has(o.type) || typeof o.value !== 'string') continue;
    const v = o.value.toLowerCase();
    const exact = benign.get(v);
    if (exact) return [v, exact];
    // An address inside a benign ISSUBSET block: the block's list names it too.
    if (
      (o.type === 'ipv4-addr' || o.type === 'ipv6-addr') &&
      [...benign.keys()].some((k) => k.includes('/'))
    ) {
      const list = lists.lookup(v);
      if (list && [...benign.values()].includes(list)) return [v, list];
    }
  }
  return undefined;
}
