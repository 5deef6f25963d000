/**
 * Properties that may not be removed by redaction: if a denying granular marking selects one
 * (or empties it), the object is hidden instead (DESIGN.md, Visibility). Sources: the
 * "(required)" rows of STIX 2.1 sections 3.2, 4, 5, 6 and 7. Conditionally required properties
 * (location's region/country/latitude/longitude, file's hashes/name, artifact's payload_bin/url)
 * count as required: fail closed.
 */

const SDO_COMMON = ['type', 'spec_version', 'id', 'created', 'modified'];
const SCO_COMMON = ['type', 'id'];

const BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  'attack-pattern': [...SDO_COMMON, 'name'],
  campaign: [...SDO_COMMON, 'name'],
  'course-of-action': [...SDO_COMMON, 'name'],
  grouping: [...SDO_COMMON, 'context', 'object_refs'],
  identity: [...SDO_COMMON, 'name'],
  incident: [...SDO_COMMON, 'name'],
  indicator: [...SDO_COMMON, 'pattern', 'pattern_type', 'valid_from'],
  infrastructure: [...SDO_COMMON, 'name'],
  'intrusion-set': [...SDO_COMMON, 'name'],
  location: [...SDO_COMMON, 'region', 'country', 'latitude', 'longitude'],
  malware: [...SDO_COMMON, 'is_family'],
  'malware-analysis': [...SDO_COMMON, 'product'],
  note: [...SDO_COMMON, 'content', 'object_refs'],
  'observed-data': [...SDO_COMMON, 'first_observed', 'last_observed', 'number_observed'],
  opinion: [...SDO_COMMON, 'opinion', 'object_refs'],
  report: [...SDO_COMMON, 'name', 'published', 'object_refs'],
  'threat-actor': [...SDO_COMMON, 'name'],
  tool: [...SDO_COMMON, 'name'],
  vulnerability: [...SDO_COMMON, 'name'],
  relationship: [...SDO_COMMON, 'relationship_type', 'source_ref', 'target_ref'],
  sighting: [...SDO_COMMON, 'sighting_of_ref'],
  'marking-definition': [
    'type',
    'spec_version',
    'id',
    'created',
    'definition_type',
    'definition',
    'extensions',
  ],
  'language-content': [...SDO_COMMON, 'object_ref', 'contents'],
  'extension-definition': [...SDO_COMMON, 'created_by_ref', 'name', 'schema', 'version', 'extension_types'],
  artifact: [...SCO_COMMON, 'payload_bin', 'url'],
  'autonomous-system': [...SCO_COMMON, 'number'],
  directory: [...SCO_COMMON, 'path'],
  'domain-name': [...SCO_COMMON, 'value'],
  'email-addr': [...SCO_COMMON, 'value'],
  'email-message': [...SCO_COMMON, 'is_multipart'],
  file: [...SCO_COMMON, 'hashes', 'name'],
  'ipv4-addr': [...SCO_COMMON, 'value'],
  'ipv6-addr': [...SCO_COMMON, 'value'],
  'mac-addr': [...SCO_COMMON, 'value'],
  mutex: [...SCO_COMMON, 'name'],
  'network-traffic': [...SCO_COMMON, 'protocols'],
  software: [...SCO_COMMON, 'name'],
  url: [...SCO_COMMON, 'value'],
};

// Unknown (custom) types: every property a STIX object of any kind needs.
const FALLBACK = new Set([...SDO_COMMON, 'spec_version']);
const TABLE: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(BY_TYPE).map(([type, names]) => [type, new Set(names)]),
);

/** True when `property` (top level) of an object of `type` must never be redacted away. */
export function isRequiredProperty(type: unknown, property: string): boolean {
  // Removing the markings themselves would misrepresent the handling of what remains.
  if (property === 'object_marking_refs' || property === 'granular_markings') return true;
  const set = typeof type === 'string' ? TABLE.get(type) : undefined;
  return (set ?? FALLBACK).has(property);
}
