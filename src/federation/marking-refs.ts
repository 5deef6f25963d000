/** Marking-definition ids an object references (object_marking_refs and granular_markings, STIX 2.1 section 7.2). */
import { isTlpMarking } from '../stix/index.js';

/** Every marking-definition id an object references, the built-in TLP definitions excluded. */
export function markingRefsOf(object: Readonly<Record<string, unknown>>): string[] {
  const refs = new Set<string>();
  const omr = object.object_marking_refs;
  if (Array.isArray(omr)) for (const r of omr) if (typeof r === 'string') refs.add(r);
  const gm = object.granular_markings;
  if (Array.isArray(gm)) {
    for (const g of gm) {
      const ref = (g as { marking_ref?: unknown } | null)?.marking_ref;
      if (typeof ref === 'string') refs.add(ref);
    }
  }
  return [...refs].filter((r) => r.startsWith('marking-definition--') && !isTlpMarking(r));
}
