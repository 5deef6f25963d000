/**
 * One MISP object → STIX, after misp-stix: an indicator when any of its attributes has to_ids
 * (the pattern holds the comparisons of those attributes), else observed-data with the SCOs of
 * all of them; a vulnerability object → a vulnerability SDO; a template without a STIX
 * counterpart → a note. Each carries `x_misp_attributes` (misp-stix's form for MISP content
 * without a STIX property) so that MISP → STIX → MISP keeps every attribute's value, type and
 * to_ids flag. Invalid attributes are rejected and the rest of the object goes on.
 */
import { validateObject } from '../../stix/index.js';
import type { ConversionIssue } from '../errors/issue.js';
import type { Slot } from './attribute-table.js';
import { attributeComparisons } from './attribute-to-stix.js';
import { type Comparison, renderPattern } from './comparisons.js';
import type { EventContext } from './event-context.js';
import type { MispAttribute, MispObject } from './misp-types.js';
import { customPath, RULE_TEMPLATES, templateOf } from './object-table.js';
import { buildObservation } from './observable-builder.js';
import { stixId } from './stix-ids.js';
import { labelTags } from './tags-and-markings.js';

type Json = Record<string, unknown>;

/** The MISP form of an object's attributes (x_misp_attributes). */
function mispAttributes(attributes: readonly MispAttribute[]): Json[] {
  return attributes.map((a) => ({
    uuid: a.uuid,
    object_relation: a.objectRelation ?? '',
    type: a.type,
    category: a.category,
    value: a.value,
    to_ids: a.toIds,
    ...(a.comment ? { comment: a.comment } : {}),
    ...(a.data ? { data: a.data } : {}),
  }));
}

function objectLabels(o: MispObject, toIds?: boolean): string[] {
  const tags = o.attributes.flatMap((a) => labelTags(a.tags));
  return [
    `misp:name="${o.name}"`,
    `misp:meta-category="${o.metaCategory}"`,
    ...(toIds === undefined ? [] : [`misp:to_ids="${toIds ? 'True' : 'False'}"`]),
    ...new Set(tags),
  ];
}

/** A note for an object whose template has no STIX counterpart. */
function objectNote(
  o: MispObject,
  ctx: EventContext,
  marks: readonly string[],
  attributes: readonly MispAttribute[],
): Json {
  return {
    ...ctx.common('note', stixId('note', o.uuid), o.timestamp, marks),
    abstract: `MISP ${o.name} object`,
    content: attributes.map((a) => `${a.objectRelation ?? a.type} (${a.type}): ${a.value}`).join('\n'),
    object_refs: [ctx.reportId],
    labels: objectLabels(
      o,
      attributes.some((a) => a.toIds),
    ),
    x_misp_attributes: mispAttributes(attributes),
    ...(o.comment ? { x_misp_comment: o.comment } : {}),
  };
}

/** A vulnerability object (misp_objects_to_stix21.md "vulnerability") as a vulnerability SDO. */
function vulnerability(o: MispObject, ctx: EventContext, marks: readonly string[]): Json | undefined {
  const first = (r: string) => o.attributes.find((a) => a.objectRelation === r)?.value;
  const name = first('id');
  if (name === undefined) return undefined;
  const references = [
    ...(/^CVE-\d{4}-\d{4,}$/i.test(name) ? [{ source_name: 'cve', external_id: name }] : []),
    ...o.attributes
      .filter((a) => a.objectRelation === 'references')
      .map((a) => ({ source_name: 'url', url: a.value })),
  ];
  const summary = first('summary');
  return {
    ...ctx.common('vulnerability', stixId('vulnerability', o.uuid), o.timestamp, marks),
    name,
    ...(summary ? { description: summary } : {}),
    labels: objectLabels(o),
    ...(references.length > 0 ? { external_references: references } : {}),
    x_misp_attributes: mispAttributes(o.attributes),
  };
}

/** The comparisons of the object's attributes, by attribute; invalid values are reported and left out. */
function comparisonsOf(
  o: MispObject,
  root: string,
  issues: ConversionIssue[],
): { attribute: MispAttribute; comparison: Comparison }[] {
  const template = templateOf(o.name)!;
  const out: { attribute: MispAttribute; comparison: Comparison }[] = [];
  for (const a of o.attributes) {
    const relation = a.objectRelation ?? a.type;
    const mapped = template.relations[relation];
    if (mapped === undefined) {
      const path = customPath(root, relation);
      if (a.data === undefined) out.push({ attribute: a, comparison: { path, value: a.value } });
      else {
        // misp-stix: an attachment is {value, data} (x_misp_attachment).
        out.push({
          attribute: a,
          comparison: { path: { ...path, steps: [...path.steps, 'value'] }, value: a.value },
        });
        out.push({
          attribute: a,
          comparison: { path: { ...path, steps: [...path.steps, 'data'] }, value: a.data },
        });
      }
      continue;
    }
    const compared = attributeComparisons(a, { slots: Array.isArray(mapped) ? mapped : [mapped as Slot] });
    if (!compared.ok) {
      issues.push({
        code: 'INTEROP_INVALID_VALUE',
        severity: 'error',
        path: `${a.path}/value`,
        message: `not a valid ${relation} of a ${o.name} object: ${compared.why}`,
        uuid: a.uuid,
        type: a.type,
      });
      continue;
    }
    for (const comparison of compared.comparisons) out.push({ attribute: a, comparison });
  }
  return out;
}

/**
 * The comparisons of an object's indicator: those of its to_ids attributes. A second value for a
 * single-valued property (two domains of a domain-ip) cannot be ANDed with the first (no object
 * satisfies both): the pattern holds the first, as misp-stix's does.
 */
function patternComparisons(
  compared: readonly { attribute: MispAttribute; comparison: Comparison }[],
  seed: string,
): Comparison[] {
  const flagged = compared.filter((c) => c.attribute.toIds).map((c) => c.comparison);
  const { leftOver } = buildObservation(flagged, seed);
  return flagged.filter((c) => !leftOver.includes(c));
}

/** The pattern of the indicator a MISP object of a mapped template makes, or undefined. */
export function objectPattern(o: MispObject): string | undefined {
  const template = templateOf(o.name);
  if (template === undefined) return undefined;
  const toIds = patternComparisons(comparisonsOf(o, template.root, []), o.uuid);
  return toIds.length > 0 ? renderPattern(toIds) : undefined;
}

/** The observation of an object, or undefined when its SCOs would not be valid STIX. */
function observation(
  o: MispObject,
  ctx: EventContext,
  marks: readonly string[],
  comparisons: Comparison[],
  used: readonly MispAttribute[],
): Json[] | undefined {
  const template = templateOf(o.name)!;
  const values = new Map<string, string[]>();
  for (const a of used)
    values.set(a.objectRelation ?? '', [...(values.get(a.objectRelation ?? '') ?? []), a.value]);
  const { objects } = buildObservation(comparisons, o.uuid);
  const [root, ...rest] = objects;
  if (root === undefined) return undefined;
  const extras = template.extras?.(values) ?? {};
  const scos = [{ ...root, ...extras }, ...rest].map((s) =>
    marks.length > 0 ? { ...s, object_marking_refs: [...marks] } : s,
  );
  if (!scos.every((s) => validateObject(s).ok)) return undefined;
  const common = ctx.common('observed-data', stixId('observed-data', o.uuid), o.timestamp, marks);
  const od: Json = {
    ...common,
    first_observed: common.modified,
    last_observed: common.modified,
    number_observed: 1,
    object_refs: scos.map((s) => s.id),
    labels: objectLabels(o),
    x_misp_attributes: mispAttributes(used),
    ...(o.comment ? { x_misp_comment: o.comment } : {}),
  };
  return [od, ...scos];
}

/** Converts one MISP object into `ctx`; returns the object sightings, galaxies and references attach to. */
export function objectToStix(o: MispObject, ctx: EventContext): { primary?: Json } {
  const marks = ctx.marks(o, ...o.attributes);
  const source = { path: o.path, uuid: o.uuid, type: o.name };
  if (o.attributes.length === 0) {
    ctx.issues.push({
      code: 'INTEROP_OBJECT_INVALID',
      severity: 'error',
      path: o.path,
      message: 'the object has no usable attribute',
      uuid: o.uuid,
      type: o.name,
    });
    return {};
  }
  const asNote = (why: string) => {
    const n = objectNote(o, ctx, marks, o.attributes);
    ctx.add([n], true, source);
    ctx.issues.push({
      code: 'INTEROP_CARRIED_AS_NOTE',
      severity: 'info',
      path: o.path,
      message: why,
      uuid: o.uuid,
      type: o.name,
    });
    return { primary: n };
  };
  if (o.name === 'vulnerability') {
    const v = vulnerability(o, ctx, marks);
    if (v === undefined) return asNote('vulnerability object without an id: carried as a note');
    ctx.add([v], true, source);
    return { primary: v };
  }
  if (RULE_TEMPLATES.has(o.name)) {
    const rule = o.attributes.find((a) => a.objectRelation === o.name);
    if (rule === undefined) return asNote(`${o.name} object without its ${o.name} rule: carried as a note`);
    const common = ctx.common('indicator', stixId('indicator', o.uuid), o.timestamp, marks);
    const i: Json = {
      ...common,
      ...(o.comment ? { description: o.comment } : {}),
      pattern: rule.value,
      pattern_type: o.name,
      valid_from: common.modified,
      kill_chain_phases: [{ kill_chain_name: 'misp-category', phase_name: o.metaCategory }],
      labels: objectLabels(o, true),
      x_misp_attributes: mispAttributes(o.attributes),
    };
    ctx.add([i], true, source);
    return { primary: i };
  }
  const template = templateOf(o.name);
  if (template === undefined)
    return asNote(`object template ${o.name} has no STIX counterpart: carried as a note`);
  const compared = comparisonsOf(o, template.root, ctx.issues);
  const used = [...new Set(compared.map((c) => c.attribute))];
  if (used.length === 0) {
    ctx.issues.push({
      code: 'INTEROP_OBJECT_INVALID',
      severity: 'error',
      path: o.path,
      message: 'none of the object attributes is valid',
      uuid: o.uuid,
      type: o.name,
    });
    return {};
  }
  const toIds = patternComparisons(compared, o.uuid);
  if (toIds.length > 0) {
    const common = ctx.common('indicator', stixId('indicator', o.uuid), o.timestamp, marks);
    const i: Json = {
      ...common,
      ...(o.comment ? { description: o.comment } : {}),
      pattern: renderPattern(toIds),
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: common.modified,
      kill_chain_phases: [{ kill_chain_name: 'misp-category', phase_name: o.metaCategory }],
      labels: objectLabels(o, true),
      x_misp_attributes: mispAttributes(used),
    };
    ctx.add([i], true, source);
    return { primary: i };
  }
  const objects = observation(
    o,
    ctx,
    marks,
    compared.map((c) => c.comparison),
    used,
  );
  if (objects === undefined)
    return asNote(`the ${o.name} object makes no valid STIX observation: carried as a note`);
  ctx.add(objects, true, source);
  return { primary: objects[0]! };
}
