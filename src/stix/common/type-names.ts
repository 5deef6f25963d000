/** The object type names the spec defines, by kind (sections 4–8); registries of specs build on these. */

/** The 19 STIX Domain Object types (section 4). */
export const SDO_TYPE_NAMES = [
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
] as const;

/** The 2 STIX Relationship Object types (section 5). */
export const SRO_TYPE_NAMES = ['relationship', 'sighting'] as const;

/** The 18 STIX Cyber-observable Object types (section 6). */
export const SCO_TYPE_NAMES = [
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
] as const;

/** The STIX Meta Object types (section 7). */
export const META_TYPE_NAMES = ['language-content', 'marking-definition', 'extension-definition'] as const;

/** An SDO type name. */
export type SdoType = (typeof SDO_TYPE_NAMES)[number];
/** An SRO type name. */
export type SroType = (typeof SRO_TYPE_NAMES)[number];
/** An SCO type name. */
export type ScoType = (typeof SCO_TYPE_NAMES)[number];
/** A meta object type name. */
export type MetaType = (typeof META_TYPE_NAMES)[number];

/** Kind of a STIX object type. */
export type ObjectKind = 'sdo' | 'sro' | 'sco' | 'meta';

const KIND_BY_TYPE: ReadonlyMap<string, ObjectKind> = new Map<string, ObjectKind>([
  ...SDO_TYPE_NAMES.map((t) => [t, 'sdo'] as const),
  ...SRO_TYPE_NAMES.map((t) => [t, 'sro'] as const),
  ...SCO_TYPE_NAMES.map((t) => [t, 'sco'] as const),
  ...META_TYPE_NAMES.map((t) => [t, 'meta'] as const),
]);

/** The kind of a spec-defined type, or undefined for custom types and `bundle`. */
export function kindOf(type: string): ObjectKind | undefined {
  return KIND_BY_TYPE.get(type);
}
