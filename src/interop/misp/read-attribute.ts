/**
 * Reading one MISP attribute (untrusted) and what hangs off it: tags, galaxies, sightings, the
 * organisations they name. Used by read-event.ts for event and object attributes alike.
 */
import type { ConversionIssue } from '../errors/issue.js';
import { at, flag, integer, isJsonObject, list, text, uuid } from './json-fields.js';
import type { MispAttribute, MispCluster, MispGalaxy, MispOrg, MispSighting, MispTag } from './misp-types.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The limits attribute reading applies (see MispLimits). */
export interface AttributeLimits {
  readonly maxValueLength: number;
  readonly maxDataLength: number;
}

/** Tags of `Tag: [{name}]` and of `EventTag`/`AttributeTag: [{Tag: {name}}]`. */
export function tagsOf(holder: Readonly<Record<string, unknown>>): MispTag[] {
  const tags: MispTag[] = [];
  for (const t of list(holder.Tag)) {
    const name = isJsonObject(t) ? text(t.name) : undefined;
    if (name) tags.push({ name });
  }
  for (const key of ['EventTag', 'AttributeTag']) {
    for (const t of list(holder[key])) {
      const name = isJsonObject(t) && isJsonObject(t.Tag) ? text(t.Tag.name) : undefined;
      if (name && !tags.some((x) => x.name === name)) tags.push({ name });
    }
  }
  return tags;
}

/** An organisation as events name it (name, and uuid when valid). */
export function orgOf(value: unknown): MispOrg | undefined {
  if (!isJsonObject(value)) return undefined;
  const name = text(value.name);
  if (!name) return undefined;
  const id = uuid(value.uuid);
  return id ? { name, uuid: id } : { name };
}

/** The galaxies (with their clusters) of a Galaxy list. */
export function galaxiesOf(value: unknown): MispGalaxy[] {
  const out: MispGalaxy[] = [];
  for (const g of list(value)) {
    if (!isJsonObject(g)) continue;
    const type = text(g.type);
    const clusters: MispCluster[] = [];
    for (const c of list(g.GalaxyCluster)) {
      if (!isJsonObject(c)) continue;
      const id = uuid(c.uuid);
      const v = text(c.value);
      if (!id || !v) continue;
      const description = text(c.description);
      const meta = isJsonObject(c.meta) ? c.meta : {};
      clusters.push(description ? { uuid: id, value: v, description, meta } : { uuid: id, value: v, meta });
    }
    if (!type || clusters.length === 0) continue;
    const galaxyUuid = uuid(g.uuid);
    const description = text(g.description);
    out.push({
      name: text(g.name) ?? type,
      type,
      clusters,
      ...(galaxyUuid ? { uuid: galaxyUuid } : {}),
      ...(description ? { description } : {}),
    });
  }
  return out;
}

/** The sightings of a Sighting list. */
export function sightingsOf(value: unknown): MispSighting[] {
  const out: MispSighting[] = [];
  for (const s of list(value)) {
    if (!isJsonObject(s)) continue;
    const date = integer(s.date_sighting);
    const type = integer(s.type) ?? 0;
    if (date === undefined || (type !== 0 && type !== 1 && type !== 2)) continue;
    const id = uuid(s.uuid);
    const org = orgOf(s.Organisation);
    const source = text(s.source);
    out.push({
      type,
      date,
      ...(id ? { uuid: id } : {}),
      ...(org ? { org } : {}),
      ...(source ? { source } : {}),
    });
  }
  return out;
}

/** Reads one attribute; undefined (with an issue) when it cannot be used. */
export function attributeOf(
  raw: unknown,
  path: string,
  fallbackTime: number,
  limits: AttributeLimits,
  issues: ConversionIssue[],
): MispAttribute | undefined {
  const reject = (message: string, extra: { uuid?: string; type?: string } = {}) => {
    issues.push({ code: 'INTEROP_ATTRIBUTE_INVALID', severity: 'error', path, message, ...extra });
    return undefined;
  };
  if (!isJsonObject(raw)) return reject('an attribute must be a JSON object');
  const type = text(raw.type);
  const id = uuid(raw.uuid);
  const named = { ...(id ? { uuid: id } : {}), ...(type ? { type } : {}) };
  if (flag(raw.deleted) === true) {
    issues.push({
      code: 'INTEROP_NOT_CONVERTED',
      severity: 'warning',
      path,
      message: 'attribute marked deleted: left out',
      ...named,
    });
    return undefined;
  }
  if (!id) return reject('the attribute has no valid uuid (MISP gives every attribute one)', named);
  if (!type) return reject('the attribute has no type', named);
  const value = text(raw.value);
  if (value === undefined || value.trim() === '') return reject('the attribute has no value', named);
  if (value.length > limits.maxValueLength) {
    issues.push({
      code: 'INTEROP_TOO_LARGE',
      severity: 'error',
      path: at(path, 'value'),
      message: `the value has ${value.length} characters, over the limit of ${limits.maxValueLength}`,
      ...named,
    });
    return undefined;
  }
  const data = text(raw.data);
  if (data !== undefined && data.length > limits.maxDataLength) {
    issues.push({
      code: 'INTEROP_TOO_LARGE',
      severity: 'error',
      path: at(path, 'data'),
      message: `the attachment has ${data.length} characters of base64, over the limit of ${limits.maxDataLength}`,
      ...named,
    });
    return undefined;
  }
  const attribute: Writable<MispAttribute> = {
    uuid: id,
    type,
    category: text(raw.category) ?? '',
    value,
    toIds: flag(raw.to_ids) ?? false,
    timestamp: integer(raw.timestamp) ?? fallbackTime,
    tags: tagsOf(raw),
    galaxies: raw.Galaxy === undefined ? [] : galaxiesOf(raw.Galaxy),
    sightings: raw.Sighting === undefined ? [] : sightingsOf(raw.Sighting),
    path,
  };
  const comment = text(raw.comment);
  if (comment) attribute.comment = comment;
  const distribution = integer(raw.distribution);
  if (distribution !== undefined) attribute.distribution = distribution;
  if (data) attribute.data = data;
  const relation = text(raw.object_relation);
  if (relation) attribute.objectRelation = relation;
  const firstSeen = text(raw.first_seen);
  if (firstSeen) attribute.firstSeen = firstSeen;
  const lastSeen = text(raw.last_seen);
  if (lastSeen) attribute.lastSeen = lastSeen;
  return attribute;
}
