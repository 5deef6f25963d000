/**
 * The keys that make objects one subject or one target (CONTRACT.md "Attribution and
 * consensus"): objects sharing an ATT&CK external id, a name or an alias, compared
 * case-insensitively, are one. Only the types STIX names as ends of `attributed-to`
 * (spec Appendix B: campaign, intrusion-set, threat-actor, identity) take part, so that a report
 * or an indicator named like a group never joins it.
 */
import { isRecord } from '../../stix/index.js';

/** Types whose names, aliases and ATT&CK ids group objects. */
export const GROUPED_TYPES: ReadonlySet<string> = new Set([
  'campaign',
  'intrusion-set',
  'threat-actor',
  'identity',
]);

/** `source_name`s of MITRE ATT&CK external references (Enterprise, ICS, Mobile). */
const ATTACK_SOURCES: ReadonlySet<string> = new Set([
  'mitre-attack',
  'mitre-ics-attack',
  'mitre-mobile-attack',
]);

/** Longest name, alias or external id read (untrusted input); longer ones are ignored. */
export const MAX_NAME_LENGTH = 256;
/** Most aliases or external references read per object; the rest are ignored. */
export const MAX_NAMES_PER_OBJECT = 256;

/** What a grouped object version contributes: its keys (names, aliases, ATT&CK ids) and its name. */
export interface GroupFacts {
  /** Normalised names, aliases and ATT&CK external ids, without repeats. */
  readonly keys: readonly string[];
  /** The `name` as written, when there is one. */
  readonly name?: string;
}

/**
 * The key of a name: Unicode NFKC, whitespace runs as one space, trimmed, lower case; undefined
 * for an empty or over-long text. ATT&CK ids share the space of names (a MISP synonym `G0125`
 * is the ATT&CK id of HAFNIUM).
 */
export function nameKey(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.length > MAX_NAME_LENGTH) return undefined;
  const key = text.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
  return key === '' ? undefined : key;
}

/** The grouping facts of an object version, or undefined when it does not take part (type, revoked). */
export function groupFacts(object: Readonly<Record<string, unknown>>): GroupFacts | undefined {
  if (typeof object.type !== 'string' || !GROUPED_TYPES.has(object.type) || object.revoked === true) {
    return undefined;
  }
  const keys = new Set<string>();
  const add = (text: unknown) => {
    const key = nameKey(text);
    if (key !== undefined) keys.add(key);
  };
  add(object.name);
  if (Array.isArray(object.aliases)) for (const a of object.aliases.slice(0, MAX_NAMES_PER_OBJECT)) add(a);
  if (Array.isArray(object.external_references)) {
    for (const ref of object.external_references.slice(0, MAX_NAMES_PER_OBJECT)) {
      if (!isRecord(ref)) continue;
      const { source_name: source, external_id: externalId } = ref;
      if (typeof source === 'string' && ATTACK_SOURCES.has(source)) add(externalId);
    }
  }
  const name =
    typeof object.name === 'string' && nameKey(object.name) !== undefined ? object.name : undefined;
  return name === undefined ? { keys: [...keys] } : { keys: [...keys], name };
}
