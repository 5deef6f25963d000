/** Granular-marking selectors (spec 7.2.3 "Selector Syntax"): parse and resolve against an object. */

/** One selector component: a property name or dictionary key, or a zero-based list index. */
export type SelectorStep = string | number;

/** Longest selector accepted (input is untrusted); longer ones count as unresolvable. */
const MAX_SELECTOR_LENGTH = 1024;
/** Deepest selector accepted. */
const MAX_SELECTOR_STEPS = 64;
const INDEX = /^\[(0|[1-9]\d{0,8})\]$/;

/**
 * Parses a selector: components separated by `.`, each a property name / dictionary key or
 * `[n]`. Undefined when malformed. The result is frozen (it may be shared).
 */
export function parseSelector(selector: unknown): readonly SelectorStep[] | undefined {
  if (typeof selector !== 'string' || selector.length === 0 || selector.length > MAX_SELECTOR_LENGTH)
    return undefined;
  const steps = parseSteps(selector);
  return steps === undefined ? undefined : Object.freeze(steps);
}

function parseSteps(selector: string): SelectorStep[] | undefined {
  // Hot path of redaction: most selectors are a single property name.
  if (selector.indexOf('.') < 0 && selector.indexOf('[') < 0 && selector.indexOf(']') < 0) return [selector];
  const parts = selector.split('.');
  if (parts.length > MAX_SELECTOR_STEPS) return undefined;
  const steps: SelectorStep[] = [];
  for (const part of parts) {
    if (part.length === 0) return undefined;
    if (part.charCodeAt(0) === 0x5b /* [ */) {
      const m = INDEX.exec(part);
      if (!m) return undefined;
      steps.push(Number(m[1]));
    } else if (part.includes('[') || part.includes(']')) {
      return undefined;
    } else {
      steps.push(part);
    }
  }
  return steps;
}

/**
 * True when the steps select content actually present (spec 7.2.3: selectors MUST refer to
 * properties or list items present): indexes only into lists, keys only into objects.
 */
export function resolves(root: unknown, steps: readonly SelectorStep[]): boolean {
  let cur: unknown = root;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(cur) || step >= cur.length) return false;
      cur = cur[step];
    } else {
      if (typeof cur !== 'object' || cur === null || Array.isArray(cur) || !Object.hasOwn(cur, step))
        return false;
      cur = (cur as Record<string, unknown>)[step];
    }
  }
  return true;
}

/** The selector string of parsed steps (inverse of parseSelector). */
export function formatSelector(steps: readonly SelectorStep[]): string {
  return steps.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.');
}
