/** Shapes domain records into the TAXII 2.1 resources of sections 3.7, 4.3.1, 5.2.1, 5.3.1 and 5.8.1. */

import { formatMicros } from '../../stix/index.js';
import type { Page, StatusDetail, StatusRecord } from '../../store/index.js';
import type { CollectionAccess, ObjectsBody, VisibleEntry } from './taxii-backend.js';

/** Section 5.2.1: the collection resource, with the caller's can_read / can_write. */
export function collectionResource(access: CollectionAccess): Record<string, unknown> {
  const c = access.collection;
  return {
    id: c.id,
    title: c.title,
    ...(c.description === undefined ? {} : { description: c.description }),
    ...(c.alias === undefined ? {} : { alias: c.alias }),
    can_read: access.canRead,
    can_write: access.canWrite,
    ...(c.mediaTypes.length > 0 ? { media_types: c.mediaTypes } : {}),
  };
}

/** Section 2: lists are never empty; an empty optional list is omitted. */
function details(name: string, list: readonly StatusDetail[]): Record<string, unknown> {
  return list.length === 0
    ? {}
    : {
        [name]: list.map((d) => ({
          id: d.id,
          version: d.version,
          ...(d.message ? { message: d.message } : {}),
        })),
      };
}

/** Section 4.3.1: the status resource. */
export function statusResource(s: StatusRecord): Record<string, unknown> {
  return {
    id: s.id,
    status: s.status,
    request_timestamp: s.requestTimestamp,
    total_count: s.totalCount,
    success_count: s.successes.length,
    ...details('successes', s.successes),
    failure_count: s.failures.length,
    ...details('failures', s.failures),
    pending_count: s.pendings.length,
    ...details('pendings', s.pendings),
  };
}

/** Sections 3.7 / 5.3.1 / 5.8.1: `more` and `next` of a page, `more` omitted when false. */
function paging(page: { readonly more: boolean; readonly next?: string }): Record<string, unknown> {
  return page.more ? { more: true, ...(page.next === undefined ? {} : { next: page.next }) } : {};
}

/** A resource already serialised to its UTF-8 JSON bytes (sent as is). */
export class JsonBytes {
  constructor(readonly bytes: Buffer) {}
}

/**
 * Section 3.7: the envelope; `objects` omitted when empty. Objects whose stored text is known
 * are copied in verbatim rather than serialised again. (Collection pages take envelopeOfBody;
 * this serves one object's versions, which are few.)
 */
export function envelope(page: Page<VisibleEntry>): JsonBytes {
  const head = JSON.stringify(paging(page));
  const { items } = page;
  if (items.length === 0) return new JsonBytes(Buffer.from(head));
  const texts = items.map((e) => e.json ?? JSON.stringify(e.object));
  return new JsonBytes(
    Buffer.from(`${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"objects":[${texts.join(',')}]}`),
  );
}

/** Section 3.7: the envelope around a body of objects already joined as JSON texts. */
export function envelopeOfBody(page: ObjectsBody): JsonBytes {
  const head = JSON.stringify(paging(page));
  if (page.count === 0) return new JsonBytes(Buffer.from(head));
  const open = Buffer.from(`${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"objects":[`);
  return new JsonBytes(Buffer.concat([open, page.body, CLOSE]));
}
const CLOSE = Buffer.from(']}');

/** Section 3.2: X-TAXII-Date-Added-First/-Last of a body page. */
export function bodyDateHeaders(page: ObjectsBody): Record<string, string> {
  if (page.firstDateAdded === undefined || page.lastDateAdded === undefined) return {};
  return {
    'X-TAXII-Date-Added-First': formatMicros(page.firstDateAdded),
    'X-TAXII-Date-Added-Last': formatMicros(page.lastDateAdded),
  };
}

/** Section 5.3.1: the manifest resource. */
export function manifest(page: Page<VisibleEntry>): Record<string, unknown> {
  const objects = page.items.map((e) => ({
    id: e.id,
    date_added: formatMicros(e.dateAdded),
    version: e.version,
    media_type: `application/stix+json;version=${e.specVersion}`,
  }));
  return { ...paging(page), ...(objects.length > 0 ? { objects } : {}) };
}

/** Section 5.8.1: the versions resource. */
export function versions(page: Page<VisibleEntry>): Record<string, unknown> {
  return {
    ...paging(page),
    ...(page.items.length > 0 ? { versions: page.items.map((e) => e.version) } : {}),
  };
}

/** Section 3.2: X-TAXII-Date-Added-First/-Last from the entries of the response. */
export function dateAddedHeaders(items: readonly VisibleEntry[]): Record<string, string> {
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return {};
  return {
    'X-TAXII-Date-Added-First': formatMicros(first.dateAdded),
    'X-TAXII-Date-Added-Last': formatMicros(last.dateAdded),
  };
}
