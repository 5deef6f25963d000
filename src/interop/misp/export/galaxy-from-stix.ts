/**
 * STIX SDOs → MISP galaxy clusters (what MISP attaches to events and attributes through
 * `misp-galaxy:<type>="<value>"` tags): attack-patterns, intrusion-sets, malware, tools,
 * threat-actors and courses of action. A galaxy named in the object's misp:galaxy-type label is
 * kept; otherwise an object with an ATT&CK id goes to the MITRE galaxy (value `Name - T1234`,
 * as MISP's clusters are named), an intrusion-set or threat-actor without one to `threat-actor`.
 */

import { objectsIn } from '../json-fields.js';
import type { MispGalaxyJson } from './misp-json.js';

type Json = Readonly<Record<string, unknown>>;

/** MISP's galaxy definitions Accord writes (uuid and name as in misp-galaxy). */
const GALAXIES: Readonly<
  Record<string, { uuid?: string; name: string; namespace: string; description: string }>
> = {
  'mitre-attack-pattern': {
    uuid: 'c4e851fa-775f-11e7-8163-b774922098cd',
    name: 'Attack Pattern',
    namespace: 'mitre-attack',
    description: 'ATT&CK Tactic',
  },
  'mitre-intrusion-set': {
    uuid: '1023f364-7831-11e7-8318-43b5531983ab',
    name: 'Intrusion Set',
    namespace: 'mitre-attack',
    description: 'Name of ATT&CK Group',
  },
  'mitre-malware': {
    uuid: 'd752161c-78f6-11e7-a0ea-bfa79b407ce4',
    name: 'Malware',
    namespace: 'mitre-attack',
    description: 'Name of ATT&CK software',
  },
  'mitre-tool': {
    uuid: 'd5cbd1a2-78f6-11e7-a833-7b9bccca9649',
    name: 'Tool',
    namespace: 'mitre-attack',
    description: 'Name of ATT&CK software',
  },
  'mitre-course-of-action': {
    uuid: '6fcb4472-6de4-11e7-b5f7-37771619e14e',
    name: 'Course of Action',
    namespace: 'mitre-attack',
    description: 'ATT&CK Mitigation',
  },
  'threat-actor': {
    uuid: '698774c7-8022-42c4-917f-8d6e4f06ada3',
    name: 'Threat Actor',
    namespace: 'misp',
    description:
      'Threat actors are characteristics of malicious actors (or adversaries) representing a cyber attack threat including presumed intent and historically observed behaviour.',
  },
  malpedia: { name: 'Malpedia', namespace: 'misp', description: 'Malware families as Malpedia names them' },
  tool: {
    name: 'Tool',
    namespace: 'misp',
    description: 'Threat actors tools is an enumeration of tools used by adversaries.',
  },
};

/** STIX types that become galaxy clusters. */
export const GALAXY_SDO_TYPES: ReadonlySet<string> = new Set([
  'attack-pattern',
  'intrusion-set',
  'malware',
  'tool',
  'threat-actor',
  'course-of-action',
]);

const label = (o: Json, name: string): string | undefined => {
  const labels = Array.isArray(o.labels) ? o.labels : [];
  for (const l of labels) {
    const m = typeof l === 'string' ? new RegExp(`^misp:${name}="(.*)"$`).exec(l) : null;
    if (m) return m[1];
  }
  return undefined;
};

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The ATT&CK id of an object (external reference mitre-attack / mitre-ics-attack / …), if any. */
export function attackId(o: Json): string | undefined {
  const refs = objectsIn(o.external_references);
  const ref = refs.find(
    (r) =>
      typeof r.source_name === 'string' &&
      r.source_name.startsWith('mitre') &&
      typeof r.external_id === 'string',
  );
  return ref ? String(ref.external_id) : undefined;
}

function galaxyType(o: Json, id: string | undefined): string {
  const stated = label(o, 'galaxy-type');
  if (stated) return stated;
  switch (o.type) {
    case 'attack-pattern':
      return 'mitre-attack-pattern';
    case 'intrusion-set':
      return id ? 'mitre-intrusion-set' : 'threat-actor';
    case 'malware':
      return id ? 'mitre-malware' : 'malpedia';
    case 'tool':
      return id ? 'mitre-tool' : 'tool';
    case 'course-of-action':
      return 'mitre-course-of-action';
    default:
      return 'threat-actor';
  }
}

/** The galaxy (with its one cluster) of an SDO, and its tag. */
export function galaxyOf(o: Json): { galaxy: MispGalaxyJson; tag: string } {
  const id = attackId(o);
  const type = galaxyType(o, id);
  const known = GALAXIES[type];
  const name = String(o.name ?? '');
  const value = type.startsWith('mitre-') && id && !name.endsWith(` - ${id}`) ? `${name} - ${id}` : name;
  const refs = objectsIn(o.external_references);
  const meta: Record<string, string | string[]> = {};
  const synonyms = strings(o.aliases).filter((a) => a !== name);
  if (synonyms.length > 0) meta.synonyms = synonyms;
  const ids = refs.filter((r) => typeof r.external_id === 'string').map((r) => String(r.external_id));
  if (ids.length > 0) meta.external_id = ids;
  const urls = refs.filter((r) => typeof r.url === 'string').map((r) => String(r.url));
  if (urls.length > 0) meta.refs = urls;
  const phases = objectsIn(o.kill_chain_phases).map(
    (p) => `${String(p.kill_chain_name)}:${String(p.phase_name)}`,
  );
  if (phases.length > 0) meta.kill_chain = phases;
  // Other meta the import kept as x_misp_<key> (country, mitre_platforms, …) goes back as meta.
  for (const [k, v] of Object.entries(o)) {
    if (!k.startsWith('x_misp_')) continue;
    const key = k.slice('x_misp_'.length);
    if (key in meta) continue;
    if (typeof v === 'string') meta[key] = v;
    else if (strings(v).length > 0) meta[key] = strings(v);
  }
  const tag = `misp-galaxy:${type}="${value}"`;
  const uuid = String(o.id).slice(String(o.id).indexOf('--') + 2);
  return {
    tag,
    galaxy: {
      ...(known?.uuid ? { uuid: known.uuid } : {}),
      name: label(o, 'galaxy-name') ?? known?.name ?? type,
      type,
      namespace: known?.namespace ?? 'misp',
      description: known?.description ?? type,
      GalaxyCluster: [
        {
          uuid,
          type,
          value,
          tag_name: tag,
          description: typeof o.description === 'string' ? o.description : '',
          meta,
        },
      ],
    },
  };
}
