/** The restrictive TLP level of an object, recorded in the audit log when it is read or sent. */
import type { MarkingIndex, TlpLevel } from './marking-index.js';

const RANK: Readonly<Record<TlpLevel, number>> = { clear: 0, green: 0, amber: 1, 'amber+strict': 2, red: 3 };

/** Every marking ref of an object: object_marking_refs, then each granular marking's (repeats kept). */
export function refsOf(object: Readonly<Record<string, unknown>>): string[] {
  const refs: string[] = [];
  if (Array.isArray(object.object_marking_refs)) {
    for (const r of object.object_marking_refs) if (typeof r === 'string') refs.push(r);
  }
  if (Array.isArray(object.granular_markings)) {
    for (const gm of object.granular_markings) {
      const ref =
        typeof gm === 'object' && gm !== null ? (gm as Record<string, unknown>).marking_ref : undefined;
      if (typeof ref === 'string') refs.push(ref);
    }
  }
  return refs;
}

/** The most restrictive of `amber`, `amber+strict`, `red` among the object's (object or granular) TLP markings. */
export function auditLevelOf(
  object: Readonly<Record<string, unknown>>,
  markings: MarkingIndex,
): string | undefined {
  let best: TlpLevel | undefined;
  for (const id of refsOf(object)) {
    const m = markings.byId.get(id);
    if (m?.kind === 'tlp' && RANK[m.level] > 0 && (best === undefined || RANK[m.level] > RANK[best]))
      best = m.level;
  }
  return best;
}
