/**
 * TLP markings through the upgrade. STIX 2.1 still defines the four TLP 1.0 marking definitions
 * (7.2.1.4) and Accord enforces them, so by default they are kept; on request their references
 * become the TLP 2.0 definitions (DESIGN.md) and the 1.0 definition objects are left out.
 */
import { TLP_V1, TLP_V1_IDS, TLP_V2, type TlpV1Level, type TlpV2Level } from '../markings/tlp.js';
import { isRecord } from '../validate/context.js';

const V1_TO_V2: Readonly<Record<TlpV1Level, TlpV2Level>> = {
  white: 'clear',
  green: 'green',
  amber: 'amber',
  red: 'red',
};

/** The TLP 2.0 id a TLP 1.0 id maps to, else the id unchanged. */
export function mappedMarking(id: string): string {
  const level = TLP_V1_IDS.get(id);
  return level === undefined ? id : TLP_V2[V1_TO_V2[level]].id;
}

/** The canonical 2.1 form of a TLP 1.0 marking definition (7.2.1.4), when `id` is one. */
export function canonicalTlpV1(id: string): Readonly<Record<string, unknown>> | undefined {
  const level = TLP_V1_IDS.get(id);
  return level === undefined ? undefined : { ...TLP_V1[level], definition: { ...TLP_V1[level].definition } };
}

/** Rewrites object_marking_refs and granular marking_refs of `obj` (in place) from TLP 1.0 to 2.0. */
export function mapTlpRefs(obj: Record<string, unknown>): boolean {
  let changed = false;
  if (Array.isArray(obj.object_marking_refs)) {
    const refs = obj.object_marking_refs.map((r) => (typeof r === 'string' ? mappedMarking(r) : r));
    changed = refs.some((r, i) => r !== (obj.object_marking_refs as unknown[])[i]);
    obj.object_marking_refs = [...new Set(refs)];
  }
  if (Array.isArray(obj.granular_markings)) {
    obj.granular_markings = obj.granular_markings.map((g) => {
      if (!isRecord(g) || typeof g.marking_ref !== 'string') return g;
      const ref = mappedMarking(g.marking_ref);
      if (ref === g.marking_ref) return g;
      changed = true;
      return { ...g, marking_ref: ref };
    });
  }
  return changed;
}
