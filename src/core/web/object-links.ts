/**
 * The object page's Relationships and Sightings tabs: the relationships and sightings that name
 * an object, found through the store's reference index and each passed through the caller's
 * plan in its own collection; the other end of a relationship is shown only when the caller may
 * see it. The object itself must be visible first (hidden ≡ absent), and counts are of what the
 * caller sees only.
 */
import type { Organization, ReferenceField, SearchHit } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import type { NodeServices } from '../node/node-services.js';
import type { VisibleEntry } from '../query/query-objects.js';
import { newestVisible, readableCollections } from './newest-visible.js';
import { authorOf, visibleObject } from './object-page.js';
import { type ObjectSummary, summaryOf } from './object-summary.js';
import { visibleOf } from './search-objects.js';

/** Index hits followed per object at most (a page of relationships is cut from them). */
export const MAX_LINKS = 5000;

type Json = Readonly<Record<string, unknown>>;

/** One relationship of an object (api-types.ts RelationshipList). */
export interface RelationshipItem {
  readonly relationship: ObjectSummary & { readonly relationship_type: string };
  readonly direction: 'outgoing' | 'incoming';
  readonly other: ObjectSummary | null;
}

/** One sighting of an object (api-types.ts SightingList). */
export interface SightingItem {
  readonly id: string;
  readonly count: number | null;
  readonly first_seen: string | null;
  readonly last_seen: string | null;
  readonly where: readonly ObjectSummary[];
  readonly by: Organization | null;
}

/** The visible objects whose (visible) `property` names `id` through one of `fields`. */
async function linking(
  node: NodeServices,
  caller: Caller,
  id: string,
  fields: Readonly<Partial<Record<ReferenceField, string>>>,
): Promise<{ entry: VisibleEntry; field: ReferenceField }[]> {
  await visibleObject(node, caller, id);
  const readable = new Set(await readableCollections(node, caller));
  const hits = (await node.store.referencesTo(id, MAX_LINKS)).filter(
    (h): h is SearchHit & { field: ReferenceField } => h.field in fields && readable.has(h.collectionId),
  );
  const visible = await visibleOf(node, caller, hits);
  const found = new Map<string, { entry: VisibleEntry; field: ReferenceField }>();
  for (const h of hits) {
    const entry = visible.get(h.collectionId)?.get(h.id);
    const property = fields[h.field] as string;
    // Any type may hold the field (a custom object too): read it as a plain record.
    const object: Json | undefined = entry?.object;
    // The index row may come from another version: what the caller sees must still name `id`.
    if (entry === undefined || found.has(`${h.id} ${h.field}`) || !names(object?.[property], id)) continue;
    found.set(`${h.id} ${h.field}`, { entry, field: h.field });
  }
  return [...found.values()];
}

function names(value: unknown, id: string): boolean {
  return value === id || (Array.isArray(value) && value.includes(id));
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** A page of the relationships of `id` (`cursor`: the offset of the page). */
export async function objectRelationships(
  node: NodeServices,
  caller: Caller,
  id: string,
  page: { readonly limit: number; readonly cursor?: string },
): Promise<{ items: RelationshipItem[]; total: number; next: string | null }> {
  const offset = page.cursor === undefined ? 0 : Number(page.cursor);
  if (!Number.isSafeInteger(offset) || offset < 0) throw new CoreError('CORE_INVALID', 'malformed cursor');
  const links = await linking(node, caller, id, { source_ref: 'source_ref', target_ref: 'target_ref' });
  const slice = links.slice(offset, offset + page.limit);
  const otherIds = slice.map(({ entry, field }) => {
    const o: Json = entry.object;
    return str(o[field === 'source_ref' ? 'target_ref' : 'source_ref']) ?? '';
  });
  const others = await newestVisible(node, caller, otherIds);
  const items = slice.map(({ entry, field }, i): RelationshipItem => {
    const other = others.get(otherIds[i] as string);
    // A custom object may link through source_ref too: read it as a plain record.
    const o: Json = entry.object;
    return {
      relationship: {
        ...summaryOf(o),
        relationship_type: str(o.relationship_type) ?? '',
      },
      direction: field === 'source_ref' ? 'outgoing' : 'incoming',
      other: other === undefined ? null : summaryOf(other.object),
    };
  });
  const end = offset + slice.length;
  return { items, total: links.length, next: end < links.length ? String(end) : null };
}

/** The sightings of `id`. */
export async function objectSightings(
  node: NodeServices,
  caller: Caller,
  id: string,
): Promise<SightingItem[]> {
  const links = await linking(node, caller, id, { sighting_of_ref: 'sighting_of_ref' });
  const whereIds = links.flatMap(({ entry }) => {
    const o: Json = entry.object;
    return refsOf(o.where_sighted_refs);
  });
  const where = await newestVisible(node, caller, whereIds);
  const items: SightingItem[] = [];
  for (const { entry } of links) {
    const o: Json = entry.object;
    items.push({
      id: entry.id,
      count: typeof o.count === 'number' ? o.count : null,
      first_seen: str(o.first_seen),
      last_seen: str(o.last_seen),
      where: refsOf(o.where_sighted_refs).flatMap((ref) => {
        const seen = where.get(ref);
        return seen === undefined ? [] : [summaryOf(seen.object)];
      }),
      by: await authorOf(node, o),
    });
  }
  return items;
}

function refsOf(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((r): r is string => typeof r === 'string') : [];
}
