/**
 * MISP galaxy clusters → STIX SDOs (../shared/specs/misp-stix/misp_galaxies_to_stix21.md): the
 * cluster uuid is the SDO's uuid, the name loses its ` - T1134` ATT&CK suffix, synonyms become
 * aliases, the ATT&CK/CAPEC/CVE id and refs external references, `kill_chain` kill chain phases.
 * The `threat-actor` galaxy becomes an intrusion-set, as issue 19 asks (ATT&CK models groups as
 * intrusion sets, so MISP's actors meet the ATT&CK catalogue by name and alias); misp-stix makes
 * a threat-actor there (docs/guides/interop.md).
 */
import type { MispCluster, MispGalaxy } from './misp-types.js';
import { stixId } from './stix-ids.js';

type Json = Record<string, unknown>;

/** Galaxy type → STIX type. Galaxies not listed (country, region, …) stay tags (labels). */
export const GALAXY_TYPES: Readonly<Record<string, string>> = {
  'mitre-attack-pattern': 'attack-pattern',
  'mitre-enterprise-attack-attack-pattern': 'attack-pattern',
  'mitre-mobile-attack-attack-pattern': 'attack-pattern',
  'mitre-pre-attack-attack-pattern': 'attack-pattern',
  'mitre-ics-techniques': 'attack-pattern',
  'stix-2.0-attack-pattern': 'attack-pattern',
  'stix-2.1-attack-pattern': 'attack-pattern',
  'threat-actor': 'intrusion-set',
  'mitre-intrusion-set': 'intrusion-set',
  'mitre-enterprise-attack-intrusion-set': 'intrusion-set',
  'mitre-mobile-attack-intrusion-set': 'intrusion-set',
  'mitre-pre-attack-intrusion-set': 'intrusion-set',
  'microsoft-activity-group': 'intrusion-set',
  'stix-2.0-intrusion-set': 'intrusion-set',
  'stix-2.1-intrusion-set': 'intrusion-set',
  'mitre-malware': 'malware',
  'mitre-enterprise-attack-malware': 'malware',
  'mitre-mobile-attack-malware': 'malware',
  malpedia: 'malware',
  ransomware: 'malware',
  rat: 'malware',
  banker: 'malware',
  botnet: 'malware',
  stealer: 'malware',
  backdoor: 'malware',
  'stix-2.0-malware': 'malware',
  'stix-2.1-malware': 'malware',
  'mitre-tool': 'tool',
  'mitre-enterprise-attack-tool': 'tool',
  'mitre-mobile-attack-tool': 'tool',
  tool: 'tool',
  'stix-2.0-tool': 'tool',
  'stix-2.1-tool': 'tool',
  'mitre-course-of-action': 'course-of-action',
  'mitre-enterprise-attack-course-of-action': 'course-of-action',
  'mitre-mobile-attack-course-of-action': 'course-of-action',
  'stix-2.0-course-of-action': 'course-of-action',
  'stix-2.1-course-of-action': 'course-of-action',
  'stix-2.0-threat-actor': 'threat-actor',
  'stix-2.1-threat-actor': 'threat-actor',
  'stix-2.0-campaign': 'campaign',
  'stix-2.1-campaign': 'campaign',
  'branded-vulnerability': 'vulnerability',
  'stix-2.0-vulnerability': 'vulnerability',
  'stix-2.1-vulnerability': 'vulnerability',
  sector: 'identity',
};

const WITH_ALIASES = new Set([
  'attack-pattern',
  'campaign',
  'intrusion-set',
  'malware',
  'threat-actor',
  'tool',
]);
const WITH_KILL_CHAIN = new Set(['attack-pattern', 'malware', 'tool']);
/** Meta keys the SDO states in its own properties; the rest become x_misp_* properties. */
const USED_META = new Set(['synonyms', 'external_id', 'refs', 'kill_chain']);

const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The external reference of an ATT&CK, CAPEC or CVE id. */
function idReference(id: string): Json {
  if (/^CAPEC-\d+$/i.test(id)) return { source_name: 'capec', external_id: id };
  if (/^CVE-\d{4}-\d+$/i.test(id)) return { source_name: 'cve', external_id: id };
  return { source_name: 'mitre-attack', external_id: id };
}

/** A custom property name for a meta key (11.1: lower case letters, digits, _). */
const metaProperty = (key: string) => `x_misp_${key.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;

/** The SDO of one cluster; `times` are the event's created/modified, `marks` its markings. */
export function clusterToSdo(
  galaxy: MispGalaxy,
  cluster: MispCluster,
  times: { readonly created: string; readonly modified: string },
  marks: readonly string[],
): Json | undefined {
  const type = GALAXY_TYPES[galaxy.type];
  if (type === undefined) return undefined;
  const externalIds = strings(cluster.meta.external_id);
  const suffix = externalIds.find((x) => cluster.value.endsWith(` - ${x}`));
  const name = suffix ? cluster.value.slice(0, -` - ${suffix}`.length) : cluster.value;
  const sdo: Json = { type, spec_version: '2.1', id: stixId(type, cluster.uuid), ...times, name };
  if (cluster.description) sdo.description = cluster.description;
  const aliases = strings(cluster.meta.synonyms).filter((a) => a !== name);
  if (WITH_ALIASES.has(type) && aliases.length > 0) sdo.aliases = aliases;
  if (WITH_KILL_CHAIN.has(type)) {
    const phases = strings(cluster.meta.kill_chain).flatMap((k) => {
      const colon = k.indexOf(':');
      return colon > 0 ? [{ kill_chain_name: k.slice(0, colon), phase_name: k.slice(colon + 1) }] : [];
    });
    if (phases.length > 0) sdo.kill_chain_phases = phases;
  }
  if (type === 'malware') sdo.is_family = false;
  if (type === 'identity') sdo.identity_class = 'class';
  sdo.labels = [`misp:galaxy-name="${galaxy.name}"`, `misp:galaxy-type="${galaxy.type}"`];
  const references = [
    ...externalIds.map(idReference),
    ...strings(cluster.meta.refs).map((url) => ({ source_name: 'url', url })),
  ];
  if (references.length > 0) sdo.external_references = references;
  for (const [key, value] of Object.entries(cluster.meta)) {
    if (USED_META.has(key)) continue;
    const v = strings(value);
    if (v.length > 0) sdo[metaProperty(key)] = typeof value === 'string' ? value : v;
  }
  if (marks.length > 0) sdo.object_marking_refs = [...marks];
  return sdo;
}

/** The relationship type from an object made from an attribute to a galaxy's SDO (4.7 indicates). */
export function galaxyRelationship(sourceType: string, targetType: string): string {
  const indicates = ['attack-pattern', 'campaign', 'intrusion-set', 'malware', 'threat-actor', 'tool'];
  return sourceType === 'indicator' && indicates.includes(targetType) ? 'indicates' : 'related-to';
}
