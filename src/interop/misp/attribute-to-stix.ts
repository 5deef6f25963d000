/**
 * One MISP attribute → STIX, after misp-stix: with to_ids an indicator whose pattern holds the
 * attribute's comparisons, without it observed-data and its SCOs; campaign-name and
 * vulnerability SDOs; sigma/snort/suricata/yara indicators in their own pattern language; link
 * an external reference of the report; every other type a note (CONTRACT.md). At most one
 * indicator or observation per attribute. A value that does not fit its type is rejected.
 */
import { compareTimestamps } from '../../stix/index.js';
import { mappingOf, type Slot, splitValue } from './attribute-table.js';
import { type Comparison, type ObjectPath, renderPattern } from './comparisons.js';
import type { EventContext } from './event-context.js';
import type { MispAttribute } from './misp-types.js';
import { buildObservation } from './observable-builder.js';
import { stixId } from './stix-ids.js';
import { labelTags } from './tags-and-markings.js';
import { checkKind, ipType, stixTimestamp } from './value-kinds.js';

type Json = Record<string, unknown>;

/** The labels misp-stix writes on objects made from an attribute (and the attribute's tags). */
export function attributeLabels(a: MispAttribute, category: string, toIds?: boolean): string[] {
  return [
    `misp:type="${a.type}"`,
    `misp:category="${category}"`,
    ...(toIds === undefined ? [] : [`misp:to_ids="${toIds ? 'True' : 'False'}"`]),
    ...labelTags(a.tags),
  ];
}

/** The comparisons of a mapped attribute value, or the reason the value does not fit. */
export function attributeComparisons(
  a: Pick<MispAttribute, 'type' | 'value' | 'data'>,
  mapping: {
    readonly slots: readonly Slot[];
    readonly fixed?: readonly { path: ObjectPath; value: string }[];
  },
): { ok: true; comparisons: Comparison[] } | { ok: false; why: string } {
  const parts = splitValue(a.value, mapping.slots);
  if (parts === undefined)
    return { ok: false, why: `a ${a.type} value has ${mapping.slots.length} parts separated by |` };
  const comparisons: Comparison[] = [];
  for (const [i, s] of mapping.slots.entries()) {
    const checked = checkKind(s.kind, parts[i]!);
    if (!checked.ok) return { ok: false, why: `"${parts[i]}" is ${checked.why}` };
    const v = checked.value;
    const refType =
      s.kind === 'ip'
        ? ipType(String(v))
        : s.kind === 'hostname' || s.kind === 'domain'
          ? 'domain-name'
          : undefined;
    comparisons.push({
      path: s.path,
      value: v,
      ...(refType ? { refType } : {}),
      ...(s.kind === 'timestamp' ? { timestamp: true } : {}),
    });
  }
  for (const f of mapping.fixed ?? []) comparisons.push({ path: f.path, value: f.value });
  const root = mapping.slots[0]!.path.type;
  if (a.data !== undefined && root === 'file' && (a.type === 'attachment' || a.type === 'malware-sample')) {
    if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(a.data)) return { ok: false, why: 'its data is not base64' };
    comparisons.push({
      path: { type: 'file', steps: ['content_ref', 'payload_bin'] },
      value: a.data.replace(/\s/g, ''),
    });
    if (a.type === 'malware-sample') {
      // MISP stores samples zipped with the password "infected" (misp-stix states it so).
      const at = (p: string) => ({ type: 'file', steps: ['content_ref', p] });
      comparisons.push({ path: at('mime_type'), value: 'application/zip' });
      comparisons.push({ path: at('encryption_algorithm'), value: 'mime-type-indicated' });
      comparisons.push({ path: at('decryption_key'), value: 'infected' });
    }
  }
  return { ok: true, comparisons };
}

/** First/last seen of an attribute as STIX timestamps, when present and in order. */
function seen(a: MispAttribute): { first?: string; last?: string } {
  const first = a.firstSeen ? stixTimestamp(a.firstSeen) : undefined;
  const last = a.lastSeen ? stixTimestamp(a.lastSeen) : undefined;
  if (first && last && (compareTimestamps(last, first) ?? 0) < 0) return { first };
  return { ...(first ? { first } : {}), ...(last ? { last } : {}) };
}

/** A note carrying an attribute without a STIX counterpart (or one no SCO can hold alone). */
function note(a: MispAttribute, ctx: EventContext, category: string, marks: readonly string[]): Json {
  return {
    ...ctx.common('note', stixId('note', a.uuid), a.timestamp, marks),
    abstract: `MISP ${a.type} attribute`,
    content: a.value,
    object_refs: [ctx.reportId],
    labels: attributeLabels(a, category, a.toIds),
    ...(a.comment ? { x_misp_comment: a.comment } : {}),
  };
}

/** An indicator of an attribute: pattern, validity from first/last seen, misp-stix labels. */
function indicator(
  a: MispAttribute,
  ctx: EventContext,
  category: string,
  marks: readonly string[],
  pattern: string,
  patternType = 'stix',
): Json {
  const { first, last } = seen(a);
  const common = ctx.common('indicator', stixId('indicator', a.uuid), a.timestamp, marks);
  return {
    ...common,
    ...(a.comment ? { description: a.comment } : {}),
    pattern,
    pattern_type: patternType,
    ...(patternType === 'stix' ? { pattern_version: '2.1' } : {}),
    valid_from: first ?? common.modified,
    ...(last && last !== (first ?? common.modified) ? { valid_until: last } : {}),
    kill_chain_phases: [{ kill_chain_name: 'misp-category', phase_name: category }],
    labels: attributeLabels(a, category, true),
  };
}

/** Observed-data and SCOs of an attribute. */
function observation(
  a: MispAttribute,
  ctx: EventContext,
  category: string,
  marks: readonly string[],
  comparisons: Comparison[],
): Json[] {
  const { objects } = buildObservation(comparisons, a.uuid);
  const { first, last } = seen(a);
  const common = ctx.common('observed-data', stixId('observed-data', a.uuid), a.timestamp, marks);
  const firstObserved = first ?? String(common.modified);
  const od: Json = {
    ...common,
    first_observed: firstObserved,
    last_observed: last ?? firstObserved,
    number_observed: 1,
    object_refs: objects.map((o) => o.id),
    labels: attributeLabels(a, category),
    ...(a.comment ? { x_misp_comment: a.comment } : {}),
  };
  const scos = objects.map((o) => (marks.length > 0 ? { ...o, object_marking_refs: [...marks] } : o));
  return [od, ...scos];
}

/** What one attribute became: the object sightings and galaxy relationships attach to, if any. */
export type AttributeOutcome = { readonly primary?: Json };

/** Converts one attribute into `ctx` (objects, references, issues). */
export function attributeToStix(a: MispAttribute, ctx: EventContext): AttributeOutcome {
  const mapping = mappingOf(a.type);
  const marks = ctx.marks(a);
  const source = { path: a.path, uuid: a.uuid, type: a.type };
  const category = a.category || (mapping?.category ?? 'Other');
  const reject = (why: string) => {
    ctx.issues.push({
      code: 'INTEROP_INVALID_VALUE',
      severity: 'error',
      path: `${a.path}/value`,
      message: `not a valid ${a.type} value: ${why}`,
      uuid: a.uuid,
      type: a.type,
    });
    return {};
  };
  const carried = (code: 'INTEROP_CARRIED_AS_NOTE' | 'INTEROP_CARRIED_AS_REFERENCE', message: string) =>
    ctx.issues.push({ code, severity: 'info', path: a.path, message, uuid: a.uuid, type: a.type });

  if (mapping === undefined) {
    const n = note(a, ctx, category, marks);
    ctx.add([n], true, source);
    carried('INTEROP_CARRIED_AS_NOTE', `attribute type ${a.type} has no STIX counterpart: carried as a note`);
    return { primary: n };
  }
  if (mapping.as === 'rule') {
    const i = indicator(a, ctx, category, marks, a.value, mapping.patternType);
    ctx.add([i], true, source);
    return { primary: i };
  }
  if (mapping.as === 'campaign' || mapping.as === 'vulnerability') {
    const sdo: Json = {
      ...ctx.common(mapping.as, stixId(mapping.as, a.uuid), a.timestamp, marks),
      name: a.value,
      ...(a.comment ? { description: a.comment } : {}),
      labels: attributeLabels(a, category),
    };
    if (mapping.as === 'vulnerability' && /^CVE-\d{4}-\d{4,}$/i.test(a.value.trim()))
      sdo.external_references = [{ source_name: 'cve', external_id: a.value.trim() }];
    ctx.add([sdo], true, source);
    return { primary: sdo };
  }
  if (mapping.as !== 'observable' && mapping.as !== 'reference') return {};
  const compared = attributeComparisons(a, mapping);
  if (!compared.ok) return reject(compared.why);
  if (mapping.as === 'reference' && !a.toIds) {
    ctx.externalReferences.push({
      source_name: 'url',
      url: a.value,
      external_id: a.uuid,
      ...(a.comment ? { description: a.comment } : {}),
    });
    carried('INTEROP_CARRIED_AS_REFERENCE', 'link attribute carried as an external reference of the report');
    return {};
  }
  // A value STIX needs in another form (a registry hive written in full) keeps its MISP form.
  const stated = compared.comparisons
    .filter((c) => c.path.steps.at(-1) !== 'payload_bin')
    .slice(0, mapping.slots.length);
  const original = stated.map((c) => String(c.value)).join('|') === a.value ? {} : { x_misp_value: a.value };
  if (a.toIds) {
    const i = { ...indicator(a, ctx, category, marks, renderPattern(compared.comparisons)), ...original };
    ctx.add([i], true, source);
    return { primary: i };
  }
  if (mapping.as === 'observable' && mapping.indicatorOnly) {
    const n = note(a, ctx, category, marks);
    ctx.add([n], true, source);
    carried('INTEROP_CARRIED_AS_NOTE', `a ${a.type} alone makes no valid observation: carried as a note`);
    return { primary: n };
  }
  const [od, ...scos] = observation(a, ctx, category, marks, compared.comparisons);
  const objects = [{ ...od!, ...original }, ...scos];
  ctx.add(objects, true, source);
  return { primary: objects[0]! };
}
