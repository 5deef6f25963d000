/**
 * STIX → MISP event JSON (issue 19: `accord export --format misp`). Each report or grouping
 * becomes an event holding what its object_refs name: indicators as attributes with to_ids,
 * observations as attributes without, MISP objects where the STIX says it came from one,
 * intrusion-sets, techniques, malware and tools as galaxies (on the attribute a relationship ties
 * them to, else on the event), sightings and false-positive opinions as sightings, TLP markings
 * as tlp:* tags. Objects no report names go into one more event. Round trip: MISP → STIX → MISP
 * keeps every attribute's value, type and to_ids flag.
 */
import {
  asMicros,
  formatMicros,
  formatTimestamp,
  microsFromMillis,
  millisOf,
  nowMicros,
  timestampMicros,
  tlpOf,
  uuidV5,
} from '../../../stix/index.js';
import type { ConversionIssue } from '../../errors/issue.js';
import { objectsIn } from '../json-fields.js';
import { MISP_NAMESPACE } from '../stix-ids.js';
import { epoch, type FromStix, fromStixObject, uuidOf } from './attributes-from-stix.js';
import { GALAXY_SDO_TYPES, galaxyOf } from './galaxy-from-stix.js';
import type {
  MispAttributeJson,
  MispEventJson,
  MispGalaxyJson,
  MispObjectJson,
  MispSightingJson,
} from './misp-json.js';
import { refsOf, type StixGraph, stixGraph } from './stix-graph.js';

type Json = Readonly<Record<string, unknown>>;

/** Options of the export. */
export interface MispExportOptions {
  /** info of the event holding objects no report names (default "Accord export"). */
  readonly info?: string;
  /** The organisation events name as creator when the STIX names none. */
  readonly org?: { readonly name: string; readonly uuid: string };
  /** Timestamp of that event (default: the latest modified of its objects). */
  readonly now?: Date;
}

/** The events and what could not be exported. */
export interface MispExport {
  readonly events: readonly MispEventJson[];
  readonly issues: readonly ConversionIssue[];
}

const LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** The TLP tag of an object's markings (the strictest; TLP 1.0 WHITE reads as CLEAR), if any. */
function tlpTag(o: Json | undefined): string | undefined {
  let best = -1;
  for (const ref of Array.isArray(o?.object_marking_refs) ? o.object_marking_refs : []) {
    const tlp = tlpOf(String(ref));
    if (tlp) best = Math.max(best, LEVELS.indexOf(tlp.level === 'white' ? 'clear' : tlp.level));
  }
  return best < 0 ? undefined : `tlp:${LEVELS[best]}`;
}

/** Event distribution by TLP: RED stays in the organisation (0), CLEAR goes to all (3), the rest to the community (1). */
const distributionOf = (tag: string | undefined) =>
  tag === 'tlp:red' || tag === undefined ? '0' : tag === 'tlp:clear' ? '3' : '1';

/** What a STIX object became: its MISP attributes (and the MISP object holding them). */
interface Made {
  readonly attributes: MispAttributeJson[];
  readonly object?: MispObjectJson;
}

/** Objects that are not attributes themselves (the event's frame, edges, definitions). */
const FRAME_TYPES = new Set([
  'relationship',
  'sighting',
  'opinion',
  'identity',
  'marking-definition',
  'report',
  'grouping',
]);

/** The members' MISP attributes and objects, by STIX id. */
function convertMembers(
  header: Json | undefined,
  members: readonly Json[],
  graph: StixGraph,
  issues: ConversionIssue[],
): Map<string, Made> {
  const eventTlp = tlpTag(header);
  const made = new Map<string, Made>();
  const observed = new Set(members.filter((m) => m.type === 'observed-data').flatMap(refsOf));
  for (const m of members) {
    const type = String(m.type);
    if (GALAXY_SDO_TYPES.has(type) || FRAME_TYPES.has(type) || observed.has(String(m.id))) continue;
    // The note misp-stix (and Accord) give an empty event shares the event's uuid: not an attribute.
    if (type === 'note' && header !== undefined && uuidOf(m.id) === uuidOf(header.id)) continue;
    const tlp = tlpTag(m);
    const result: FromStix = fromStixObject(m, {
      byId: graph.byId,
      issues,
      tags: tlp && tlp !== eventTlp ? [tlp] : [],
    });
    if (result.kind === 'attributes') made.set(String(m.id), { attributes: result.attributes });
    else if (result.kind === 'object')
      made.set(String(m.id), { attributes: [...result.object.Attribute], object: result.object });
  }
  return made;
}

/**
 * Relationships from converted objects: to a galaxy SDO of the event, that galaxy on the
 * attributes; to another converted object, an ObjectReference of the source's MISP object.
 * Returns the galaxy SDOs so attached.
 */
function attachRelationships(
  made: ReadonlyMap<string, Made>,
  memberIds: ReadonlySet<string>,
  graph: StixGraph,
): Set<string> {
  const attached = new Set<string>();
  for (const [id, source] of made) {
    for (const r of graph.relationshipsFrom.get(id) ?? []) {
      const target = graph.byId.get(String(r.target_ref));
      if (target === undefined) continue;
      if (GALAXY_SDO_TYPES.has(String(target.type)) && memberIds.has(String(target.id))) {
        const { galaxy, tag } = galaxyOf(target);
        for (const a of source.attributes)
          Object.assign(a, { Tag: [...(a.Tag ?? []), { name: tag }], Galaxy: [...(a.Galaxy ?? []), galaxy] });
        attached.add(String(target.id));
        continue;
      }
      const referenced = made.get(String(target.id));
      const referencedUuid = referenced?.object?.uuid ?? referenced?.attributes[0]?.uuid;
      if (source.object === undefined || referencedUuid === undefined) continue;
      (source.object.ObjectReference as unknown[]).push({
        uuid: uuidOf(r.id),
        object_uuid: source.object.uuid,
        referenced_uuid: referencedUuid,
        relationship_type: String(r.relationship_type),
      });
    }
  }
  return attached;
}

/** Sightings and disagreeing opinions of converted objects, as MISP sightings of their first attribute. */
function attachSightings(made: ReadonlyMap<string, Made>, graph: StixGraph): void {
  for (const [id, target] of made) {
    const first = target.attributes[0];
    if (first === undefined) continue;
    for (const s of graph.judgementsOf.get(id) ?? []) {
      const whereRef =
        (Array.isArray(s.where_sighted_refs) ? s.where_sighted_refs[0] : undefined) ?? s.created_by_ref;
      const where = graph.byId.get(String(whereRef));
      const sighting: MispSightingJson = {
        uuid: uuidOf(s.id),
        type: s.type === 'sighting' ? '0' : '1',
        date_sighting: epoch(s.last_seen ?? s.modified ?? s.created),
        ...(where && where.type === 'identity'
          ? { Organisation: { name: String(where.name), uuid: uuidOf(where.id) } }
          : {}),
      };
      Object.assign(first, { Sighting: [...(first.Sighting ?? []), sighting] });
    }
  }
}

/** The link attributes misp-stix and Accord carry as the report's external references. */
function linkAttributes(header: Json | undefined): MispAttributeJson[] {
  const refs = objectsIn(header?.external_references);
  return refs.flatMap((ref) => {
    if (ref.source_name !== 'url' || typeof ref.url !== 'string') return [];
    const uuid =
      typeof ref.external_id === 'string' && /^[0-9a-f-]{36}$/.test(ref.external_id)
        ? ref.external_id
        : uuidV5(`link:${String(header?.id)}|${ref.url}`, MISP_NAMESPACE);
    return [
      {
        uuid,
        type: 'link',
        category: 'External analysis',
        value: ref.url,
        to_ids: false,
        timestamp: epoch(header?.modified),
        distribution: '5',
        ...(typeof ref.description === 'string' ? { comment: ref.description } : {}),
      },
    ];
  });
}

/** Builds one event from a header object (report, grouping, or none) and its members. */
function buildEvent(
  header: Json | undefined,
  members: readonly Json[],
  graph: StixGraph,
  options: MispExportOptions,
  issues: ConversionIssue[],
): MispEventJson {
  const eventTlp = tlpTag(header);
  const memberIds = new Set(members.map((m) => String(m.id)));
  const made = convertMembers(header, members, graph, issues);
  const attached = attachRelationships(made, memberIds, graph);
  attachSightings(made, graph);
  const tags = new Set<string>(eventTlp ? [eventTlp] : []);
  const galaxies: MispGalaxyJson[] = [];
  for (const m of members) {
    if (!GALAXY_SDO_TYPES.has(String(m.type)) || attached.has(String(m.id))) continue;
    const { galaxy, tag } = galaxyOf(m);
    galaxies.push(galaxy);
    tags.add(tag);
  }
  for (const l of Array.isArray(header?.labels) ? header.labels : []) if (typeof l === 'string') tags.add(l);
  const creator = graph.byId.get(String(header?.created_by_ref));
  const orgc =
    creator && creator.type === 'identity'
      ? { name: String(creator.name), uuid: uuidOf(creator.id) }
      : options.org;
  const latest = members.reduce(
    (t, m) => Math.max(t, millisOf(timestampMicros(m.modified ?? m.created) ?? asMicros(0))),
    0,
  );
  const stamp =
    header?.modified ??
    (options.now !== undefined
      ? formatTimestamp(options.now)
      : formatMicros(latest ? microsFromMillis(latest) : nowMicros(), 3));
  const info = header ? String(header.name ?? '') : (options.info ?? 'Accord export');
  const published = header?.type === 'report';
  const converted = [...made.values()];
  return {
    Event: {
      uuid: header
        ? uuidOf(header.id)
        : uuidV5(`export:${info}|${[...memberIds].sort().join(',')}`, MISP_NAMESPACE),
      info,
      date: String(header?.created ?? stamp).slice(0, 10),
      timestamp: epoch(stamp),
      published,
      ...(published && header?.published ? { publish_timestamp: epoch(header.published) } : {}),
      distribution: distributionOf(eventTlp),
      threat_level_id: '4',
      analysis: '2',
      ...(orgc ? { Orgc: orgc } : {}),
      Attribute: [
        ...converted.flatMap((c) => (c.object === undefined ? c.attributes : [])),
        ...linkAttributes(header),
      ],
      Object: converted.flatMap((c) => (c.object === undefined ? [] : [c.object])),
      Galaxy: galaxies,
      Tag: [...tags].map((name) => ({ name })),
    },
  };
}

/** Types that say something MISP attributes or galaxies can hold, when no report names them. */
const LOOSE_TYPES = new Set([
  'indicator',
  'observed-data',
  'note',
  'campaign',
  'vulnerability',
  ...GALAXY_SDO_TYPES,
]);

/** Converts STIX objects (what a user may see) into MISP events (see the module comment). */
export function mispEventsFromStix(objects: Iterable<unknown>, options: MispExportOptions = {}): MispExport {
  const graph = stixGraph(objects);
  const issues: ConversionIssue[] = [];
  const events: MispEventJson[] = [];
  const named = new Set<string>();
  for (const o of graph.byId.values()) {
    if (o.type !== 'report' && o.type !== 'grouping') continue;
    const members = refsOf(o).flatMap((id) => {
      const m = graph.byId.get(id);
      return m === undefined ? [] : [m];
    });
    for (const m of members) {
      named.add(String(m.id));
      if (m.type === 'observed-data') for (const r of refsOf(m)) named.add(r);
    }
    events.push(buildEvent(o, members, graph, options, issues));
  }
  const loose = [...graph.byId.values()].filter(
    (o) => LOOSE_TYPES.has(String(o.type)) && !named.has(String(o.id)),
  );
  if (loose.length > 0) events.push(buildEvent(undefined, loose, graph, options, issues));
  return { events, issues };
}
