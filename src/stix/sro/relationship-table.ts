/** The relationship summary table of Appendix B (plus the common relationships of 3.7). */
import { own } from '../common/own.js';

/** source type → relationship type → allowed target types (`<sco>` means any SCO). */
const TABLE: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'attack-pattern': {
    delivers: ['malware'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['malware', 'tool'],
  },
  campaign: {
    'attributed-to': ['intrusion-set', 'threat-actor'],
    compromises: ['infrastructure'],
    'originates-from': ['location'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  'course-of-action': {
    investigates: ['indicator'],
    mitigates: ['attack-pattern', 'indicator', 'malware', 'tool', 'vulnerability'],
    remediates: ['malware', 'vulnerability'],
  },
  'domain-name': { 'resolves-to': ['domain-name', 'ipv4-addr', 'ipv6-addr'] },
  identity: { 'located-at': ['location'] },
  indicator: {
    indicates: [
      'attack-pattern',
      'campaign',
      'infrastructure',
      'intrusion-set',
      'malware',
      'threat-actor',
      'tool',
    ],
    'based-on': ['observed-data'],
  },
  infrastructure: {
    'communicates-with': ['infrastructure', 'ipv4-addr', 'ipv6-addr', 'domain-name', 'url'],
    'consists-of': ['infrastructure', 'observed-data', '<sco>'],
    controls: ['infrastructure', 'malware'],
    delivers: ['malware'],
    has: ['vulnerability'],
    hosts: ['tool', 'malware'],
    'located-at': ['location'],
    uses: ['infrastructure'],
  },
  'intrusion-set': {
    'attributed-to': ['threat-actor'],
    compromises: ['infrastructure'],
    hosts: ['infrastructure'],
    owns: ['infrastructure'],
    'originates-from': ['location'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  'ipv4-addr': { 'belongs-to': ['autonomous-system'], 'resolves-to': ['mac-addr'] },
  'ipv6-addr': { 'belongs-to': ['autonomous-system'], 'resolves-to': ['mac-addr'] },
  malware: {
    'authored-by': ['threat-actor', 'intrusion-set'],
    'beacons-to': ['infrastructure'],
    'exfiltrates-to': ['infrastructure'],
    'communicates-with': ['ipv4-addr', 'ipv6-addr', 'domain-name', 'url'],
    controls: ['malware'],
    downloads: ['malware', 'tool', 'file'],
    drops: ['malware', 'tool', 'file'],
    exploits: ['vulnerability'],
    'originates-from': ['location'],
    targets: ['identity', 'infrastructure', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
    'variant-of': ['malware'],
  },
  'malware-analysis': {
    characterizes: ['malware'],
    'av-analysis-of': ['malware'],
    'static-analysis-of': ['malware'],
    'dynamic-analysis-of': ['malware'],
  },
  'threat-actor': {
    'attributed-to': ['identity'],
    compromises: ['infrastructure'],
    hosts: ['infrastructure'],
    owns: ['infrastructure'],
    impersonates: ['identity'],
    'located-at': ['location'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  tool: {
    delivers: ['malware'],
    drops: ['malware'],
    has: ['vulnerability'],
    targets: ['identity', 'infrastructure', 'location', 'vulnerability'],
    uses: ['infrastructure'],
  },
};

/** Whether (source, relationship_type, target) is a spec-defined relationship (Appendix B and 3.7). */
export function isSpecRelationship(
  source: string,
  relationshipType: string,
  target: string,
  targetIsSco: boolean,
): boolean {
  // 3.7 common relationships: related-to between any SDOs/SCOs; derived-from and duplicate-of between objects of one type.
  if (relationshipType === 'related-to') return true;
  if (relationshipType === 'derived-from' || relationshipType === 'duplicate-of') return source === target;
  const row = own(TABLE, source);
  const targets = row === undefined ? undefined : own(row, relationshipType);
  if (targets === undefined) return false;
  return targets.includes(target) || (targetIsSco && targets.includes('<sco>'));
}

/** The relationship types the spec defines for a source type (for messages). */
export function specRelationshipTypes(source: string): readonly string[] {
  return ['related-to', 'derived-from', 'duplicate-of', ...Object.keys(own(TABLE, source) ?? {})];
}
