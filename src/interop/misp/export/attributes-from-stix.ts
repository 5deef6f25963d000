/**
 * One STIX object → MISP attributes or a MISP object. What came from MISP says so in its labels
 * (misp:type, misp:category, misp:to_ids; misp:name for objects, with x_misp_attributes) and is
 * written back as it was: the value read from the pattern or the observation, its type, category
 * and to_ids flag. Other STIX is recognised comparison by comparison (reverse-table.ts); what has
 * no MISP counterpart is reported and left out.
 */
import { timestampMicros, uuidV5 } from '../../../stix/index.js';
import type { ConversionIssue } from '../../errors/issue.js';
import { mappingOf } from '../attribute-table.js';
import type { Comparison } from '../comparisons.js';
import { objectsIn } from '../json-fields.js';
import type { MispObject } from '../misp-types.js';
import { objectPattern } from '../object-to-stix.js';
import { MISP_NAMESPACE } from '../stix-ids.js';
import { checkKind } from '../value-kinds.js';
import type { MispAttributeJson, MispObjectJson } from './misp-json.js';
import { observationComparisons, patternComparisons } from './read-comparisons.js';
import { canonicalHash, type Recognised, recognise, valueOfType } from './reverse-table.js';

type Json = Readonly<Record<string, unknown>>;

/** What one STIX object became. */
export type FromStix =
  | { readonly kind: 'attributes'; readonly attributes: MispAttributeJson[] }
  | { readonly kind: 'object'; readonly object: MispObjectJson }
  | { readonly kind: 'none' };

/** What converting needs: every object by id (SCOs of observations), and where issues go. */
export interface FromStixContext {
  readonly byId: ReadonlyMap<string, Json>;
  readonly issues: ConversionIssue[];
  /** Tags every attribute of this object gets (its TLP when stricter than the event's). */
  readonly tags: readonly string[];
}

/** The value of a `misp:<name>="…"` label. */
export function label(o: Json, name: string): string | undefined {
  const prefix = `misp:${name}="`;
  for (const l of Array.isArray(o.labels) ? o.labels : []) {
    if (typeof l === 'string' && l.startsWith(prefix) && l.endsWith('"')) return l.slice(prefix.length, -1);
  }
  return undefined;
}

/** The uuid part of a STIX id. */
export const uuidOf = (id: unknown): string => String(id).slice(String(id).indexOf('--') + 2);

/** Epoch seconds (as MISP writes them, a decimal string) of a STIX timestamp. */
export const epoch = (ts: unknown): string => String(Math.floor((timestampMicros(ts) ?? 0) / 1_000_000));

const skip = (ctx: FromStixContext, o: Json, message: string) =>
  ctx.issues.push({ code: 'INTEROP_EXPORT_SKIPPED', severity: 'warning', path: String(o.id), message });

/** The SCOs an observation names that no other of them refers to (where reading starts). */
function roots(o: Json, byId: ReadonlyMap<string, Json>): Json[] {
  const scos: Json[] = (Array.isArray(o.object_refs) ? o.object_refs : []).flatMap((r) => {
    const sco = byId.get(String(r));
    return sco === undefined ? [] : [sco];
  });
  const referred = new Set<string>();
  for (const s of scos)
    for (const [k, v] of Object.entries(s)) {
      if (k.endsWith('_ref') && typeof v === 'string') referred.add(v);
      if (k.endsWith('_refs') && Array.isArray(v)) for (const r of v) referred.add(String(r));
    }
  return scos.filter((s) => !referred.has(String(s.id)));
}

/** The comparisons an object states: its pattern's, or its observation's. */
function comparisonsOf(
  o: Json,
  ctx: FromStixContext,
): { comparisons: Comparison[]; unsupported: string[] } | undefined {
  if (o.type === 'indicator') {
    if (o.pattern_type !== 'stix' || typeof o.pattern !== 'string') return undefined;
    const read = patternComparisons(o.pattern);
    return read && { comparisons: read.comparisons.map(canonicalHash), unsupported: [...read.unsupported] };
  }
  const from = o.type === 'observed-data' ? roots(o, ctx.byId) : [o];
  return {
    comparisons: from.flatMap((r) => observationComparisons(r, ctx.byId)).map(canonicalHash),
    unsupported: [],
  };
}

/** A value MISP wrote differently than STIX holds it (x_misp_value), when it still names the same thing. */
function originalValue(o: Json, type: string, value: string): string {
  const original = o.x_misp_value;
  if (typeof original !== 'string') return value;
  const mapping = mappingOf(type);
  if (mapping === undefined || !('slots' in mapping)) return value;
  const parts =
    mapping.slots.length === 1
      ? [original]
      : [original.slice(0, original.indexOf('|')), original.slice(original.indexOf('|') + 1)];
  const normalised = mapping.slots.map((s, i) => {
    const r = checkKind(s.kind, parts[i] ?? '');
    return r.ok ? String(r.value) : undefined;
  });
  return normalised.join('|') === value ? original : value;
}

function attribute(
  o: Json,
  ctx: FromStixContext,
  fields: {
    uuid: string;
    type: string;
    value: string;
    toIds: boolean;
    category?: string;
    comment?: string;
    data?: string;
  },
): MispAttributeJson {
  const mapping = mappingOf(fields.type);
  const tags = [
    ...ctx.tags,
    ...(Array.isArray(o.labels) ? o.labels : []).filter(
      (l): l is string => typeof l === 'string' && !l.startsWith('misp:'),
    ),
  ];
  return {
    uuid: fields.uuid,
    type: fields.type,
    category: fields.category ?? mapping?.category ?? 'Other',
    value: fields.value,
    to_ids: fields.toIds,
    timestamp: epoch(o.modified ?? o.created),
    distribution: '5',
    ...(fields.comment ? { comment: fields.comment } : {}),
    ...(fields.data ? { data: fields.data } : {}),
    ...(tags.length > 0 ? { Tag: tags.map((name) => ({ name })) } : {}),
  };
}

/**
 * True when an indicator's pattern is no longer the one its x_misp_attributes give (the STIX was
 * edited since it was made from MISP): then the pattern, not the stale attributes, is exported.
 */
function stale(o: Json, attributes: readonly Json[]): boolean {
  const object: MispObject = {
    uuid: uuidOf(o.id),
    name: label(o, 'name') ?? '',
    metaCategory: label(o, 'meta-category') ?? 'misc',
    timestamp: 0,
    references: [],
    path: '',
    attributes: attributes.map((a) => ({
      uuid: String(a.uuid),
      type: String(a.type),
      category: String(a.category ?? ''),
      value: String(a.value),
      toIds: a.to_ids === true,
      timestamp: 0,
      tags: [],
      galaxies: [],
      sightings: [],
      path: '',
      ...(typeof a.object_relation === 'string' ? { objectRelation: a.object_relation } : {}),
      ...(typeof a.data === 'string' ? { data: a.data } : {}),
    })),
  };
  return objectPattern(object) !== o.pattern;
}

/** A MISP object from x_misp_attributes (the MISP form misp-stix and Accord carry). */
function mispObject(o: Json, attributes: readonly Json[], ctx: FromStixContext): MispObjectJson {
  const comment =
    typeof o.x_misp_comment === 'string'
      ? o.x_misp_comment
      : typeof o.description === 'string'
        ? o.description
        : undefined;
  return {
    uuid: uuidOf(o.id),
    name: label(o, 'name') ?? 'misc',
    'meta-category': label(o, 'meta-category') ?? 'misc',
    timestamp: epoch(o.modified ?? o.created),
    distribution: '5',
    ...(comment ? { comment } : {}),
    Attribute: attributes
      .map((a) =>
        attribute(o, ctx, {
          uuid: String(a.uuid),
          type: String(a.type),
          value: String(a.value),
          toIds: a.to_ids === true,
          ...(typeof a.category === 'string' && a.category ? { category: a.category } : {}),
          ...(typeof a.comment === 'string' ? { comment: a.comment } : {}),
          ...(typeof a.data === 'string' ? { data: a.data } : {}),
        }),
      )
      .map((a, i) => ({ ...a, object_relation: String(attributes[i]!.object_relation ?? a.type) })),
    ObjectReference: [],
  };
}

/** Attributes recognised in STIX from elsewhere; the first keeps the object's uuid. */
function recognised(
  o: Json,
  ctx: FromStixContext,
  found: readonly Recognised[],
  toIds: boolean,
  comment?: string,
): MispAttributeJson[] {
  return found.map((f, i) =>
    attribute(o, ctx, {
      uuid: i === 0 ? uuidOf(o.id) : uuidV5(`attribute:${String(o.id)}#${i}`, MISP_NAMESPACE),
      type: f.type,
      value: f.value,
      toIds,
      ...(comment ? { comment } : {}),
    }),
  );
}

/** The payload of an attachment or malware sample, when the comparisons state it. */
const payload = (comparisons: readonly Comparison[]) =>
  comparisons.find((c) => c.path.steps.at(-1) === 'payload_bin' && c.path.steps.includes('content_ref'))
    ?.value as string | undefined;

/** Converts one STIX object (see the module comment). */
export function fromStixObject(o: Json, ctx: FromStixContext): FromStix {
  const type = String(o.type);
  const mispType = label(o, 'type');
  const toIds = type === 'indicator' ? label(o, 'to_ids') !== 'False' : label(o, 'to_ids') === 'True';
  const category = label(o, 'category');
  const comment =
    typeof o.description === 'string'
      ? o.description
      : typeof o.x_misp_comment === 'string'
        ? o.x_misp_comment
        : undefined;
  const base = {
    uuid: uuidOf(o.id),
    toIds,
    ...(category ? { category } : {}),
    ...(comment ? { comment } : {}),
  };

  if (type === 'note') {
    if (Array.isArray(o.x_misp_attributes))
      return { kind: 'object', object: mispObject(o, objectsIn(o.x_misp_attributes), ctx) };
    return {
      kind: 'attributes',
      attributes: [
        attribute(o, ctx, { ...base, type: mispType ?? 'comment', value: String(o.content ?? '') }),
      ],
    };
  }
  if (type === 'campaign' || type === 'vulnerability') {
    if (Array.isArray(o.x_misp_attributes))
      return { kind: 'object', object: mispObject(o, objectsIn(o.x_misp_attributes), ctx) };
    const refs = objectsIn(o.external_references);
    const cve = refs.find((r) => r.source_name === 'cve')?.external_id;
    const value = type === 'vulnerability' && !mispType && typeof cve === 'string' ? cve : String(o.name);
    return {
      kind: 'attributes',
      attributes: [
        attribute(o, ctx, {
          ...base,
          type: mispType ?? (type === 'campaign' ? 'campaign-name' : 'vulnerability'),
          value,
        }),
      ],
    };
  }
  if (type === 'indicator' && o.pattern_type !== 'stix') {
    const rule = String(o.pattern_type);
    if (!['sigma', 'snort', 'suricata', 'yara'].includes(rule)) {
      skip(ctx, o, `pattern_type ${rule} has no MISP attribute type: left out`);
      return { kind: 'none' };
    }
    if (Array.isArray(o.x_misp_attributes))
      return { kind: 'object', object: mispObject(o, objectsIn(o.x_misp_attributes), ctx) };
    return {
      kind: 'attributes',
      attributes: [attribute(o, ctx, { ...base, type: rule, value: String(o.pattern) })],
    };
  }
  if (type !== 'indicator' && type !== 'observed-data' && !isSco(type)) {
    skip(ctx, o, `${type} has no MISP counterpart: left out`);
    return { kind: 'none' };
  }
  const read = comparisonsOf(o, ctx);
  if (read === undefined) {
    skip(ctx, o, 'the pattern does not parse: left out');
    return { kind: 'none' };
  }
  if (Array.isArray(o.x_misp_attributes)) {
    const attributes = objectsIn(o.x_misp_attributes);
    if (type !== 'indicator' || !stale(o, attributes))
      return { kind: 'object', object: mispObject(o, attributes, ctx) };
    ctx.issues.push({
      code: 'INTEROP_EXPORT_SKIPPED',
      severity: 'warning',
      path: String(o.id),
      message:
        'x_misp_attributes no longer match the pattern (edited since): attributes read from the pattern instead',
    });
  } else if (mispType !== undefined) {
    const found = valueOfType(mispType, read.comparisons);
    if (found !== undefined) {
      const data = payload(read.comparisons);
      return {
        kind: 'attributes',
        attributes: [
          attribute(o, ctx, {
            ...base,
            type: mispType,
            value: originalValue(o, mispType, found.value),
            ...(data ? { data } : {}),
          }),
        ],
      };
    }
  }
  const { attributes, rest } = recognise(read.comparisons);
  if (read.unsupported.length > 0)
    skip(
      ctx,
      o,
      `the pattern uses ${[...new Set(read.unsupported)].join(', ')}, which MISP attributes cannot state: those parts left out`,
    );
  if (type === 'indicator' && rest.length > 0)
    skip(
      ctx,
      o,
      `no MISP attribute type for ${rest.map((c) => `${c.path.type}:${c.path.steps.join('.')}`).join(', ')}: left out`,
    );
  if (attributes.length === 0) {
    if (type !== 'indicator') skip(ctx, o, 'no MISP attribute type for what it observes: left out');
    return { kind: 'none' };
  }
  const name = typeof o.name === 'string' ? o.name : undefined;
  return {
    kind: 'attributes',
    attributes: recognised(o, ctx, attributes, type === 'indicator', name ?? comment),
  };
}

/** SCO types (spec section 6) an export may meet outside observed-data. */
const SCO_TYPES = new Set([
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
]);
const isSco = (type: string) => SCO_TYPES.has(type);
