/**
 * ATT&CK ids (issue 19: techniques and groups searchable by ATT&CK id). The ATT&CK bundles name
 * each object's id in an external reference whose source is one of MITRE's catalogues
 * (`mitre-attack`, `mitre-mobile-attack`, `mitre-ics-attack`; STIX 2.1 section 2.5); MISP
 * galaxies imported by interop/ carry theirs the same way. Import keeps those references byte
 * for byte, so these functions are all a search needs: the ids an object has (for an index), and
 * the types an id can name (to narrow a query).
 */
import { isRecord } from '../../stix/index.js';

/** The external-reference sources of MITRE's ATT&CK catalogues. */
export const ATTACK_SOURCES: ReadonlySet<string> = new Set([
  'mitre-attack',
  'mitre-mobile-attack',
  'mitre-ics-attack',
]);

/** The ATT&CK ids an object has (upper case), in its external references' order. */
export function attackIdsOf(object: Readonly<Record<string, unknown>>): string[] {
  const refs = object.external_references;
  if (!Array.isArray(refs)) return [];
  const ids: string[] = [];
  for (const r of refs) {
    if (!isRecord(r)) continue;
    const { source_name: source, external_id: id } = r;
    if (typeof source === 'string' && ATTACK_SOURCES.has(source) && typeof id === 'string' && isAttackId(id))
      ids.push(id.toUpperCase());
  }
  return ids;
}

/** Each id prefix of ATT&CK (longest first) and the STIX types its objects have. */
const PREFIXES: readonly (readonly [string, readonly string[]])[] = [
  ['DET', ['x-mitre-detection-strategy']],
  ['TA', ['x-mitre-tactic']],
  ['DS', ['x-mitre-data-source']],
  ['DC', ['x-mitre-data-component']],
  ['AN', ['x-mitre-analytic']],
  ['T', ['attack-pattern']],
  ['G', ['intrusion-set']],
  ['S', ['malware', 'tool']],
  ['M', ['course-of-action']],
  ['C', ['campaign']],
  ['A', ['x-mitre-asset']],
];

/** An ATT&CK id: a known prefix, four digits, and for a sub-technique `.` and three more. */
const ATTACK_ID = /^(DET|TA|DS|DC|AN|T|G|S|M|C|A)\d{4}(\.\d{3})?$/i;

/** Whether `text` has the form of an ATT&CK id (`T1059`, `T1059.001`, `G0007`, `TA0001`, …). */
export function isAttackId(text: string): boolean {
  return ATTACK_ID.test(text);
}

/** The STIX types an ATT&CK id can name, or undefined when `text` is no ATT&CK id. */
export function attackTypesOf(text: string): readonly string[] | undefined {
  if (!isAttackId(text)) return undefined;
  const upper = text.toUpperCase();
  // Only techniques have sub-ids; the regex allows `.nnn` after any prefix, so check it here.
  if (upper.includes('.') && !/^T\d/.test(upper)) return undefined;
  return PREFIXES.find(([p]) => upper.startsWith(p) && /^\d/.test(upper.slice(p.length)))?.[1];
}
