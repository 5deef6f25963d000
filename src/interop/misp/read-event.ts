/**
 * Reads MISP event JSON (untrusted) into checked MispEvents, one report per event. Accepted
 * shapes: `{"Event": …}` (an event file, a feed's `<uuid>.json`), `{"response": [{"Event": …}, …]}`
 * (MISP's REST search), a JSON array of `{"Event": …}` (PyMISP), and a bare event object.
 */
import type { ConversionIssue } from '../errors/issue.js';
import { at, flag, integer, isJsonObject, list, text, uuid } from './json-fields.js';
import type { MispAttribute, MispEvent, MispObject } from './misp-types.js';
import { attributeOf, galaxiesOf, orgOf, tagsOf } from './read-attribute.js';

/** Limits on one event (input is untrusted; huge events are refused whole, never half-read). */
export interface MispLimits {
  /** Attributes per event, those of its objects included (default 100,000). */
  readonly maxAttributes?: number;
  /** Characters of one attribute value (default 1 MiB). */
  readonly maxValueLength?: number;
  /** Characters of one attachment's base64 `data` (default 16 MiB). */
  readonly maxDataLength?: number;
}

/** One event of a document: the event when it could be read, and what was wrong. */
export interface ReadEvent {
  readonly event?: MispEvent;
  /** The event's uuid when known, else its position in the document (`#2`). */
  readonly label: string;
  readonly info?: string;
  readonly issues: readonly ConversionIssue[];
}

const DEFAULTS = { maxAttributes: 100_000, maxValueLength: 1 << 20, maxDataLength: 16 << 20 };

/** True when the value looks like an event: an object with uuid/info/Attribute/Object fields. */
export function looksLikeEvent(value: unknown): boolean {
  return (
    isJsonObject(value) && ('info' in value || 'Attribute' in value || 'Object' in value) && 'uuid' in value
  );
}

/** The events of a MISP document with their JSON pointers, or undefined when it is not MISP content. */
export function eventsOf(doc: unknown): { value: unknown; path: string }[] | undefined {
  const wrapped = (v: unknown, path: string) =>
    isJsonObject(v) && 'Event' in v ? { value: v.Event, path: at(path, 'Event') } : { value: v, path };
  if (Array.isArray(doc)) {
    if (!doc.every((d) => isJsonObject(d) && 'Event' in d)) return undefined;
    return doc.map((d, i) => wrapped(d, `/${i}`));
  }
  if (!isJsonObject(doc)) return undefined;
  if ('Event' in doc) return [wrapped(doc, '')];
  if ('response' in doc) {
    const response = doc.response;
    if (Array.isArray(response)) return response.map((r, i) => wrapped(r, `/response/${i}`));
    if (isJsonObject(response) && 'Event' in response) return [wrapped(response, '/response')];
    return undefined;
  }
  return looksLikeEvent(doc) ? [{ value: doc, path: '' }] : undefined;
}

function objectOf(
  raw: unknown,
  path: string,
  fallbackTime: number,
  limits: typeof DEFAULTS,
  issues: ConversionIssue[],
  seen: Set<string>,
): MispObject | undefined {
  if (!isJsonObject(raw)) {
    issues.push({
      code: 'INTEROP_OBJECT_INVALID',
      severity: 'error',
      path,
      message: 'a MISP object must be a JSON object',
    });
    return undefined;
  }
  const id = uuid(raw.uuid);
  const name = text(raw.name);
  if (flag(raw.deleted) === true) {
    issues.push({
      code: 'INTEROP_NOT_CONVERTED',
      severity: 'warning',
      path,
      message: 'object marked deleted: left out',
      ...(id ? { uuid: id } : {}),
    });
    return undefined;
  }
  if (!id || !name || seen.has(id)) {
    issues.push({
      code: 'INTEROP_OBJECT_INVALID',
      severity: 'error',
      path,
      message: !id
        ? 'the object has no valid uuid'
        : !name
          ? 'the object has no template name'
          : 'the uuid is used twice in the event',
      ...(id ? { uuid: id } : {}),
      ...(name ? { type: name } : {}),
    });
    return undefined;
  }
  seen.add(id);
  const timestamp = integer(raw.timestamp) ?? fallbackTime;
  const attributes: MispAttribute[] = [];
  list(raw.Attribute).forEach((a, i) => {
    const attribute = attributeOf(a, at(at(path, 'Attribute'), i), timestamp, limits, issues);
    if (attribute === undefined) return;
    if (seen.has(attribute.uuid)) {
      issues.push({
        code: 'INTEROP_ATTRIBUTE_INVALID',
        severity: 'error',
        path: attribute.path,
        message: 'the uuid is used twice in the event',
        uuid: attribute.uuid,
        type: attribute.type,
      });
      return;
    }
    seen.add(attribute.uuid);
    attributes.push(attribute);
  });
  const references = list(raw.ObjectReference).flatMap((r) => {
    if (!isJsonObject(r)) return [];
    const referencedUuid = uuid(r.referenced_uuid);
    const relationshipType = text(r.relationship_type);
    return referencedUuid && relationshipType ? [{ referencedUuid, relationshipType }] : [];
  });
  const comment = text(raw.comment) || undefined;
  const distribution = integer(raw.distribution);
  return {
    uuid: id,
    name,
    metaCategory: text(raw['meta-category']) ?? text(raw.meta_category) ?? 'misc',
    timestamp,
    attributes,
    references,
    path,
    ...(comment ? { comment } : {}),
    ...(distribution !== undefined ? { distribution } : {}),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads one event value found at `path`; `index` names it in reports while its uuid is unknown. */
export function readEvent(raw: unknown, path: string, index: number, limits: MispLimits = {}): ReadEvent {
  const l = { ...DEFAULTS, ...limits };
  const issues: ConversionIssue[] = [];
  const fail = (
    message: string,
    code: 'INTEROP_EVENT_INVALID' | 'INTEROP_TOO_LARGE' = 'INTEROP_EVENT_INVALID',
  ) => ({
    label: isJsonObject(raw) ? (uuid(raw.uuid) ?? `#${index}`) : `#${index}`,
    issues: [...issues, { code, severity: 'error' as const, path, message }],
  });
  if (!isJsonObject(raw)) return fail('an event must be a JSON object');
  const id = uuid(raw.uuid);
  if (!id) return fail('the event has no valid uuid');
  const info = text(raw.info);
  const timestamp =
    integer(raw.timestamp) ??
    (DATE.test(text(raw.date) ?? '') ? Date.parse(`${raw.date}T00:00:00Z`) / 1000 : undefined);
  if (timestamp === undefined) return fail('the event has neither a timestamp nor a date');
  const objectsRaw = list(raw.Object);
  const count =
    list(raw.Attribute).length +
    objectsRaw.reduce<number>((n, o) => n + (isJsonObject(o) ? list(o.Attribute).length : 0), 0);
  if (count > l.maxAttributes) {
    return {
      label: id,
      ...(info ? { info } : {}),
      issues: [
        {
          code: 'INTEROP_TOO_LARGE',
          severity: 'error',
          path,
          message: `the event has ${count} attributes, over the limit of ${l.maxAttributes}: nothing of it was stored`,
        },
      ],
    };
  }
  const seen = new Set<string>();
  const attributes: MispAttribute[] = [];
  list(raw.Attribute).forEach((a, i) => {
    const attribute = attributeOf(a, at(at(path, 'Attribute'), i), timestamp, l, issues);
    if (attribute === undefined) return;
    if (seen.has(attribute.uuid)) {
      issues.push({
        code: 'INTEROP_ATTRIBUTE_INVALID',
        severity: 'error',
        path: attribute.path,
        message: 'the uuid is used twice in the event',
        uuid: attribute.uuid,
        type: attribute.type,
      });
      return;
    }
    seen.add(attribute.uuid);
    attributes.push(attribute);
  });
  const objects = objectsRaw.flatMap(
    (o, i) => objectOf(o, at(at(path, 'Object'), i), timestamp, l, issues, seen) ?? [],
  );
  const date = text(raw.date);
  const published = flag(raw.published) ?? false;
  const publishTimestamp = integer(raw.publish_timestamp);
  const orgc = orgOf(raw.Orgc) ?? orgOf(raw.Org);
  const optional = {
    date: date && DATE.test(date) ? date : undefined,
    publishTimestamp: published && publishTimestamp ? publishTimestamp : undefined,
    distribution: integer(raw.distribution),
    threatLevelId: integer(raw.threat_level_id),
    analysis: integer(raw.analysis),
    orgc,
  };
  const event: MispEvent = {
    uuid: id,
    info: info ?? '',
    timestamp,
    published,
    attributes,
    objects,
    galaxies: galaxiesOf(raw.Galaxy),
    tags: tagsOf(raw),
    path,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
  return { event, label: id, ...(info ? { info } : {}), issues };
}
