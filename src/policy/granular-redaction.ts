/**
 * Removes the content selected by denying granular markings (spec 7.2.3) from a copy of an
 * object. Lists lose the selected items (later items shift down, and the remaining granular
 * markings' selectors are renumbered to match); containers left empty are removed, since STIX
 * lists and dictionaries must not be empty. Undefined when a required property would go.
 */

import type { SelectorStep } from './granular-selector.js';
import { formatSelector, parseSelector } from './granular-selector.js';
import { isRequiredProperty } from './required-properties.js';

interface Node {
  cut: boolean;
  removed: boolean;
  readonly kids: Map<SelectorStep, Node>;
  /** For a list: old index → new index, -1 when the item was removed. */
  indexMap?: number[];
}

const REMOVED: unique symbol = Symbol('removed');

/** Keys a list item of these top-level lists cannot lose; the item goes instead (spec 2.5, 2.11). */
const ITEM_REQUIRED: Readonly<Record<string, readonly string[]>> = {
  external_references: ['source_name'],
  kill_chain_phases: ['kill_chain_name', 'phase_name'],
};

const newNode = (): Node => ({ cut: false, removed: false, kids: new Map() });

function prune(value: unknown, node: Node, depth: number, top: string | undefined): unknown {
  if (node.cut) {
    node.removed = true;
    return REMOVED;
  }
  let out: unknown;
  let empty: boolean;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    const map: number[] = [];
    value.forEach((item, i) => {
      const kid = node.kids.get(i);
      const v = kid ? prune(item, kid, depth + 1, top) : item;
      map.push(v === REMOVED ? -1 : items.length);
      if (v !== REMOVED) items.push(v);
    });
    node.indexMap = map;
    out = items;
    empty = items.length === 0;
  } else if (typeof value === 'object' && value !== null) {
    const source = value as Record<string, unknown>;
    const obj: Record<string, unknown> = {};
    let kept = 0;
    for (const key in source) {
      if (!Object.hasOwn(source, key)) continue;
      const kid = node.kids.get(key);
      const v = kid ? prune(source[key], kid, depth + 1, depth === 0 ? key : top) : source[key];
      if (v === REMOVED) continue;
      // JSON.parse makes "__proto__" an own key; plain assignment would set the prototype instead.
      if (key === '__proto__')
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true });
      else obj[key] = v;
      kept++;
    }
    out = obj;
    empty = kept === 0;
    const itemRequired = depth === 2 && top !== undefined ? ITEM_REQUIRED[top] : undefined;
    if (itemRequired?.some((k) => Object.hasOwn(value, k) && !Object.hasOwn(obj, k))) empty = true;
  } else {
    return value;
  }
  if (empty && depth > 0) {
    node.removed = true;
    return REMOVED;
  }
  return out;
}

/**
 * The steps of a kept selector after the removals (list indexes shifted), `steps` itself when
 * nothing changed, or undefined when it selected removed content.
 */
function mapSteps(root: Node, steps: readonly SelectorStep[]): readonly SelectorStep[] | undefined {
  const out: SelectorStep[] = [];
  let changed = false;
  let node: Node | undefined = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as SelectorStep;
    if (node === undefined) return changed ? [...out, ...steps.slice(i)] : steps;
    if (node.removed) return undefined;
    if (typeof step === 'number' && node.indexMap) {
      const ni = node.indexMap[step];
      if (ni === undefined || ni < 0) return undefined;
      if (ni !== step) changed = true;
      out.push(ni);
    } else {
      out.push(step);
    }
    node = node.kids.get(step);
  }
  if (node?.removed) return undefined;
  return changed ? out : steps;
}

/**
 * A copy of `object` without the content at `paths` (already parsed and checked to resolve),
 * with granular_markings selectors renumbered; undefined when a required property would be lost.
 */
export function redact(
  object: Readonly<Record<string, unknown>>,
  paths: readonly (readonly SelectorStep[])[],
): Record<string, unknown> | undefined {
  const root = newNode();
  for (const steps of paths) {
    let node = root;
    for (const step of steps) {
      let kid = node.kids.get(step);
      if (!kid) {
        kid = newNode();
        node.kids.set(step, kid);
      }
      node = kid;
    }
    node.cut = true;
  }
  const pruned = prune(object, root, 0, undefined) as Record<string, unknown>;
  // Only top-level keys on a cut path can have gone.
  for (const key of root.kids.keys()) {
    if (typeof key !== 'string' || !Object.hasOwn(object, key) || Object.hasOwn(pruned, key)) continue;
    if (isRequiredProperty(object.type, key)) return undefined;
  }
  const granular = pruned.granular_markings;
  if (Array.isArray(granular)) {
    const kept: Record<string, unknown>[] = [];
    for (const gm of granular as Record<string, unknown>[]) {
      const selectors = Array.isArray(gm.selectors) ? gm.selectors : [];
      const mapped: string[] = [];
      for (const sel of selectors) {
        const steps = parseSelector(sel);
        const m = steps ? mapSteps(root, steps) : undefined;
        if (m) mapped.push(m === steps ? (sel as string) : formatSelector(m));
      }
      if (mapped.length > 0) kept.push({ ...gm, selectors: mapped });
    }
    if (kept.length > 0) pruned.granular_markings = kept;
    else delete pruned.granular_markings;
  }
  return pruned;
}
