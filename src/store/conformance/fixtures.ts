/** Builders shared by the store conformance suite: objects, collections, views and a pager. */
import { asMicros } from '../../stix/index.js';
import type { CollectionRecord, NewVersion, ObjectQuery, StoredObject, View } from '../objects.js';
import type { Store } from '../store.js';

/** A deterministic UUIDv4-shaped suffix for test ids. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** A STIX 2.1 SDO of `type` with id number `n`, version `modified`, plus extra properties. */
export function sdo(type: string, n: number, modified: string, extra: Record<string, unknown> = {}) {
  return {
    type,
    spec_version: '2.1',
    id: `${type}--${uuid(n)}`,
    created: '2020-01-01T00:00:00.000Z',
    modified,
    ...extra,
  };
}

/** Wraps an object as a NewVersion from `producerOrg`. */
export function version(
  object: Record<string, unknown>,
  producerOrg = 'org-a',
  origin = 'local',
): NewVersion {
  return { object, producerOrg, origin };
}

/** A collection readable and writable by everyone. */
export function collection(id: string, title = `Collection ${id}`): CollectionRecord {
  return { id, title, canRead: ['*'], canWrite: ['*'], mediaTypes: ['application/stix+json;version=2.1'] };
}

/** Far enough in the future that every entry is visible. */
export const END_OF_TIME = asMicros(Number.MAX_SAFE_INTEGER);

/** The view of a reader who may see everything: the row itself. */
export const SEE_ALL: View<StoredObject> = (row) => row;

/** A view that hides the rows `hidden` says are hidden and returns the others. */
export function hiding(hidden: (row: StoredObject) => boolean): View<StoredObject> {
  return (row) => (hidden(row) ? undefined : row);
}

/** Follows `next` until `more` is false, collecting every item; fails past `maxPages`. */
export async function pageAll<T>(
  store: Store,
  query: ObjectQuery,
  view: View<T>,
  maxPages = 10_000,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let q = query;
  for (let pages = 1; pages <= maxPages; pages++) {
    const page = await store.queryObjects(q, view);
    items.push(...page.items);
    if (!page.more) return { items, pages };
    if (page.next === undefined) throw new Error('page has more but no next cursor');
    q = { ...query, cursor: page.next };
  }
  throw new Error(`more than ${maxPages} pages`);
}

/** Rejection code of a promise (fails the test when it resolves). */
export async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return String((error as { code?: unknown }).code);
  }
  throw new Error('expected a rejection');
}
