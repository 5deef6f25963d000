/** Walks an object path (9.7) from a root SCO, following lists, dictionaries and _ref(s) within one observation. */
import type { PathStep } from '../ast.js';
import type { JsonObject, Observation } from './observation-set.js';

/** Called for each value the path reaches; returning true stops the walk. */
export type PathVisitor = (value: unknown, ownerType: unknown, key: string) => boolean;

/** Visits every value `steps` reach from `root`; true when a visit asked to stop. */
export function walkPath(
  root: JsonObject,
  steps: readonly PathStep[],
  obs: Observation,
  visit: PathVisitor,
): boolean {
  return walk(root, root.type, '', steps, 0, obs, visit);
}

function walk(
  value: unknown,
  ownerType: unknown,
  key: string,
  steps: readonly PathStep[],
  i: number,
  obs: Observation,
  visit: PathVisitor,
): boolean {
  if (value === undefined) return false;
  // A property present with the JSON value null is a value of an incompatible type (9.6.1):
  // every comparison on it is false except !=, which is true.
  if (i === steps.length) return visit(value, ownerType, key);
  if (value === null) return false;
  const step = steps[i] as PathStep;
  const more = i + 1 < steps.length;
  if (step.kind === 'key') {
    if (typeof value !== 'object' || Array.isArray(value)) return false;
    if (!Object.hasOwn(value, step.name)) return false;
    const next = (value as JsonObject)[step.name];
    // 9.7.4: a reference followed by more steps is dereferenced within the same observation.
    if (more && typeof next === 'string' && step.name.endsWith('_ref')) {
      const target = obs.resolve(next);
      return target ? walk(target, target.type, '', steps, i + 1, obs, visit) : false;
    }
    return walk(next, ownerType, step.name, steps, i + 1, obs, visit);
  }
  if (!Array.isArray(value)) return false;
  const deref = more && key.endsWith('_refs');
  const at = (item: unknown): boolean => {
    if (deref) {
      const target = typeof item === 'string' ? obs.resolve(item) : undefined;
      return target ? walk(target, target.type, '', steps, i + 1, obs, visit) : false;
    }
    return walk(item, ownerType, key, steps, i + 1, obs, visit);
  };
  // 9.7.2: [*] tries every item, [n] only item n (out of range: nothing).
  if (step.index === '*') {
    for (const item of value) if (at(item)) return true;
    return false;
  }
  return step.index < value.length ? at(value[step.index]) : false;
}
