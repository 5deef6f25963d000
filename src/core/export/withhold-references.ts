/**
 * An export names nothing it does not hold: a reference (`*_ref`, `*_refs`, at any depth) to an
 * object the export does not hold is taken out, so that a hidden object leaves no trace, not even
 * its id. Marking references stay (the policy already decided what the reader sees of markings).
 * An object that is no longer valid without what was taken out (a relationship to a withheld
 * object, a report all of whose members are withheld) is withheld whole.
 *
 * References are taken out as policy/ redacts granular-marked content: list items go, the
 * granular markings' selectors are renumbered to the items that stay, and a selector of removed
 * content goes. Without that, a marking on `object_refs.[2]` would land on another item, or on
 * none, when an earlier item went.
 */
import { redact, type SelectorStep } from '../../policy/index.js';
import { type ValidatedObject, validateObject } from '../../stix/index.js';
import { STIX_VALIDATION } from '../ingest/stix-validation.js';

type Json = Record<string, unknown>;

const STIX_ID = /^[a-z0-9-]+--[0-9a-fA-F-]{36}$/;
/** References to markings, which the reader's view of an object already accounts for. */
const MARKING_KEYS = new Set(['object_marking_refs', 'marking_ref']);

const isRefKey = (key: string) => !MARKING_KEYS.has(key) && (key.endsWith('_ref') || key.endsWith('_refs'));
const isId = (r: unknown): r is string => typeof r === 'string' && STIX_ID.test(r);

/** Every id an object references (markings aside), at any depth. */
export function referencesOf(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const v of value) referencesOf(v, into);
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      if (isRefKey(k)) {
        for (const r of Array.isArray(v) ? v : [v]) if (isId(r)) into.add(r);
      } else referencesOf(v, into);
    }
  return into;
}

/** The paths (granular-marking selector steps) of the references for which `held` is false. */
function pathsOfMissing(
  value: unknown,
  held: (id: string) => boolean,
  at: readonly SelectorStep[],
  into: SelectorStep[][],
): SelectorStep[][] {
  if (Array.isArray(value)) for (const [i, v] of value.entries()) pathsOfMissing(v, held, [...at, i], into);
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      if (!isRefKey(k)) pathsOfMissing(v, held, [...at, k], into);
      else if (Array.isArray(v)) {
        for (const [i, r] of v.entries()) if (isId(r) && !held(r)) into.push([...at, k, i]);
      } else if (isId(v) && !held(v)) into.push([...at, k]);
    }
  return into;
}

/**
 * The object as the export may hold it: unchanged when it references only what `held` accepts;
 * else without those references (validated again, so typed as validation types it), or undefined
 * when it is not valid STIX without them.
 */
export function withheldReferences<T extends Readonly<Json>>(
  object: T,
  held: (id: string) => boolean,
): T | ValidatedObject | undefined {
  const paths = pathsOfMissing(object, held, [], []);
  if (paths.length === 0) return object;
  const copy = redact(object, paths);
  if (copy === undefined) return undefined;
  const result = validateObject(copy, STIX_VALIDATION);
  return result.ok ? result.value : undefined;
}
