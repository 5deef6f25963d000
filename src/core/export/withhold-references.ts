/**
 * An export names nothing its reader may not see: a reference (`*_ref`, `*_refs`, at any depth)
 * to an object the export does not hold is taken out, so that a hidden object leaves no trace,
 * not even its id. Marking references stay (the policy already decided what the reader sees of
 * markings). An object that is no longer valid without what was taken out (a relationship to a
 * hidden object, a report all of whose members are hidden) is withheld whole.
 */
import { validateObject } from '../../stix/index.js';
import { STIX_VALIDATION } from '../ingest/stix-validation.js';

type Json = Record<string, unknown>;

const STIX_ID = /^[a-z0-9-]+--[0-9a-fA-F-]{36}$/;
/** References to markings, which the reader's view of an object already accounts for. */
const MARKING_KEYS = new Set(['object_marking_refs', 'marking_ref']);

const isRefKey = (key: string) => !MARKING_KEYS.has(key) && (key.endsWith('_ref') || key.endsWith('_refs'));

/** Every id an object references (markings aside), at any depth. */
export function referencesOf(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const v of value) referencesOf(v, into);
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      if (isRefKey(k)) {
        for (const r of Array.isArray(v) ? v : [v]) if (typeof r === 'string' && STIX_ID.test(r)) into.add(r);
      } else referencesOf(v, into);
    }
  return into;
}

/** A copy of `value` without references for which `held` is false; `changed` says whether any went. */
function without(value: unknown, held: (id: string) => boolean, changed: { value: boolean }): unknown {
  if (Array.isArray(value)) return value.map((v) => without(v, held, changed));
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (!isRefKey(k)) {
      out[k] = without(v, held, changed);
      continue;
    }
    const hidden = (r: unknown) => typeof r === 'string' && STIX_ID.test(r) && !held(r);
    if (Array.isArray(v)) {
      const kept = v.filter((r) => !hidden(r));
      if (kept.length < v.length) changed.value = true;
      if (kept.length > 0) out[k] = kept;
    } else if (hidden(v)) changed.value = true;
    else out[k] = v;
  }
  return out;
}

/**
 * The object as the export may hold it: unchanged when it references only what `held` accepts;
 * else without those references, or undefined when it is not valid STIX without them.
 */
export function withheldReferences(
  object: Readonly<Json>,
  held: (id: string) => boolean,
): Readonly<Json> | undefined {
  const changed = { value: false };
  const copy = without(object, held, changed) as Json;
  if (!changed.value) return object;
  return validateObject(copy, STIX_VALIDATION).ok ? copy : undefined;
}
