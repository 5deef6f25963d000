/**
 * One MISP event → the STIX objects that stand for it, as one unit (misp_events_to_stix21.md):
 * a `report` when the event is published, else a `grouping` (context suspicious-activity),
 * naming everything made from the event in object_refs; the creator organisation's identity;
 * galaxy SDOs; attributes and objects; relationships for galaxies attached to attributes and for
 * object references; sightings. Every object of the unit is checked against STIX 2.1 before it
 * is handed on, so that an import never stores half an event: what fails is reported, and left
 * out together with what refers to it.
 */
import { validateObject } from '../../stix/index.js';
import type { ConversionIssue } from '../errors/issue.js';
import { attributeToStix } from './attribute-to-stix.js';
import { EventContext } from './event-context.js';
import type { MispEvent } from './misp-types.js';
import { objectToStix } from './object-to-stix.js';
import { orgIdentity, sightingsToStix } from './sightings-to-stix.js';
import { epochToStix, stixId } from './stix-ids.js';
import { labelTags } from './tags-and-markings.js';

type Json = Record<string, unknown>;

/** The STIX unit of one event and what its conversion found. */
export interface EventConversion {
  readonly uuid: string;
  readonly info: string;
  /** The event's objects: identities, then the report (or grouping), then the rest. */
  readonly objects: readonly Json[];
  /** Where each object came from: the JSON pointer of its attribute or MISP object (else of the event). */
  readonly sources: ReadonlyMap<string, string>;
  readonly issues: readonly ConversionIssue[];
}

const RELATIONSHIP_TYPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Attributes, objects and their galaxies, sightings and references, into the context. */
function convertContent(event: MispEvent, ctx: EventContext): void {
  const byMispUuid = new Map<string, Json>();
  for (const a of event.attributes) {
    const { primary } = attributeToStix(a, ctx);
    if (primary === undefined) continue;
    byMispUuid.set(a.uuid, primary);
    const marks = ctx.marks(a);
    for (const id of ctx.galaxies(a.galaxies, marks)) ctx.relate(primary, id, marks);
    sightingsToStix(a, primary, ctx, marks);
  }
  const withPrimary: [(typeof event.objects)[number], Json][] = [];
  for (const o of event.objects) {
    const { primary } = objectToStix(o, ctx);
    if (primary === undefined) continue;
    withPrimary.push([o, primary]);
    byMispUuid.set(o.uuid, primary);
    for (const a of o.attributes) {
      byMispUuid.set(a.uuid, primary);
      const marks = ctx.marks(o, a);
      for (const id of ctx.galaxies(a.galaxies, marks)) ctx.relate(primary, id, marks);
      sightingsToStix(a, primary, ctx, marks);
    }
  }
  for (const [o, primary] of withPrimary) {
    o.references.forEach((r, i) => {
      const target = byMispUuid.get(r.referencedUuid);
      const type = r.relationshipType
        .trim()
        .toLowerCase()
        .replace(/[\s_]+/g, '-');
      if (target === undefined || !RELATIONSHIP_TYPE.test(type)) {
        ctx.issues.push({
          code: 'INTEROP_NOT_CONVERTED',
          severity: 'warning',
          path: `${o.path}/ObjectReference/${i}`,
          message:
            target === undefined
              ? `the reference names ${r.referencedUuid}, which this event does not hold (or which was rejected): left out`
              : `relationship type "${r.relationshipType}" is not a STIX relationship type name: left out`,
          uuid: o.uuid,
          type: o.name,
        });
        return;
      }
      if (target.id !== primary.id) ctx.relate(primary, String(target.id), ctx.marks(o), type);
    });
  }
}

/**
 * Indicators, observed-data and relationships are written whole by this module from checked
 * values (a property test holds them valid for every mapped type); the rest, whose shape follows
 * the MISP content (SCOs, notes, galaxy meta, the report), is checked here. Most objects of an
 * event are indicators and observations: checking them here too would check them twice, the
 * import checking again.
 */
const BUILT_VALID: ReadonlySet<unknown> = new Set(['indicator', 'observed-data', 'relationship']);

/** Drops objects that are not valid STIX, and what refers to them, reporting each. */
function keepValid(objects: Json[], ctx: EventContext): Json[] {
  const bad = new Set<string>();
  for (const o of objects) {
    if (BUILT_VALID.has(o.type)) continue;
    const result = validateObject(o);
    if (result.ok) continue;
    bad.add(String(o.id));
    const first = result.issues.find((i) => i.severity === 'error');
    const source = ctx.sources.get(String(o.id)) ?? { path: ctx.event.path };
    ctx.issues.push({
      code: 'INTEROP_INVALID_VALUE',
      severity: 'error',
      ...source,
      message: `the ${String(o.type)} it makes is not valid STIX 2.1 (${first?.path || '/'}: ${first?.message ?? 'invalid'}): left out`,
    });
  }
  if (bad.size === 0) return objects;
  const refsOf = (o: Json): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      k.endsWith('_ref') ? [String(v)] : k.endsWith('_refs') && Array.isArray(v) ? v.map(String) : [],
    );
  // What refers to a dropped object goes too (a sighting of a dropped indicator, …), and so do
  // the SCOs of a dropped observation that no kept observation names.
  const dropped = new Set(bad);
  for (let changed = true; changed; ) {
    changed = false;
    for (const o of objects) {
      const id = String(o.id);
      if (dropped.has(id) || !refsOf(o).some((r) => dropped.has(r))) continue;
      dropped.add(id);
      changed = true;
    }
  }
  const named = new Set(
    objects.filter((o) => o.type === 'observed-data' && !dropped.has(String(o.id))).flatMap(refsOf),
  );
  for (const o of objects)
    if (o.type === 'observed-data' && dropped.has(String(o.id)))
      for (const r of refsOf(o)) if (!named.has(r)) dropped.add(r);
  return objects.filter((o) => !dropped.has(String(o.id)));
}

/** Converts one MISP event into its STIX unit. */
export function eventToStix(event: MispEvent): EventConversion {
  const ctx = new EventContext(event);
  const identity = event.orgc ? orgIdentity(ctx, event.orgc, ctx.eventMarks) : undefined;
  ctx.galaxies(event.galaxies, ctx.eventMarks);
  convertContent(event, ctx);
  const content = keepValid(
    ctx.objects.filter((o) => o.id !== identity),
    ctx,
  );
  const kept = new Set(content.map((o) => String(o.id)));
  const refs = [...new Set(ctx.refs.filter((r) => kept.has(r)))];
  const report: Json = {
    ...ctx.common(event.published ? 'report' : 'grouping', ctx.reportId, event.timestamp, ctx.eventMarks),
    name: event.info || `MISP event ${event.uuid}`,
  };
  if (event.published) {
    report.report_types = ['threat-report'];
    report.published = epochToStix(event.publishTimestamp ?? event.timestamp);
  } else report.context = 'suspicious-activity';
  if (refs.length === 0) {
    // misp-stix: an empty event still makes a valid report/grouping, whose object_refs name a note.
    const note: Json = {
      ...ctx.common('note', stixId('note', event.uuid), event.timestamp, ctx.eventMarks),
      content: 'This MISP Event is empty and contains no attribute, object or galaxy.',
      object_refs: [ctx.reportId],
    };
    content.push(note);
    refs.push(String(note.id));
  }
  report.object_refs = refs;
  const labels = labelTags(event.tags, ctx.convertedGalaxyTags);
  if (labels.length > 0) report.labels = labels;
  if (ctx.externalReferences.length > 0) report.external_references = ctx.externalReferences;
  const identities = ctx.objects.filter((o) => o.id === identity);
  return {
    uuid: event.uuid,
    info: event.info,
    sources: new Map([...ctx.sources].map(([id, s]) => [id, s.path])),
    objects: [...identities, report, ...content],
    issues: ctx.issues,
  };
}
