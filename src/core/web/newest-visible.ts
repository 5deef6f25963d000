/**
 * The newest version of each of some objects that a caller may see, from every collection the
 * caller may read, through the same policy read as TAXII (readVisible, `match[version]=last`).
 * The web API names objects without a collection, so this is how it finds them; what it does
 * not return is, to the caller, absent.
 */
import { timestampMicros } from '../../stix/index.js';
import type { Caller } from '../accounts/caller.js';
import { readableCollections } from '../intel/visible-versions.js';
import type { NodeServices } from '../node/node-services.js';
import { readVisible, type VisibleEntry } from '../query/query-objects.js';

/** Ids per query. */
const CHUNK = 500;

/** The later of two versions of one object; STIX timestamps compare as instants, not strings. */
export function newerEntry(a: VisibleEntry | undefined, b: VisibleEntry): VisibleEntry {
  if (a === undefined) return b;
  return (timestampMicros(b.version) ?? 0) > (timestampMicros(a.version) ?? 0) ? b : a;
}

// The collections a caller may read: one rule, intel's (may 'collection.read').
export { readableCollections };

/**
 * The latest version each collection shows the caller of the ids asked there (`within`:
 * collection → ids; each collection must be one the caller may read). `audit`: reads of
 * TLP:AMBER and RED versions go to the audit log as TAXII reads do.
 */
export async function visibleByCollection(
  node: NodeServices,
  caller: Caller,
  within: ReadonlyMap<string, readonly string[]>,
  audit: boolean,
): Promise<Map<string, Map<string, VisibleEntry>>> {
  const found = new Map<string, Map<string, VisibleEntry>>();
  for (const [collectionId, ids] of within) {
    const here = new Map<string, VisibleEntry>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const page = await readVisible(
        node,
        caller,
        collectionId,
        { ids: chunk, versions: { kind: 'last' }, limit: chunk.length },
        audit,
      );
      for (const entry of page.items) here.set(entry.id, newerEntry(here.get(entry.id), entry));
    }
    found.set(collectionId, here);
  }
  return found;
}

/** The newest version of each id the caller may see in any collection it may read (absent ids are missing). */
export async function newestVisible(
  node: NodeServices,
  caller: Caller,
  ids: readonly string[],
  audit = true,
): Promise<Map<string, VisibleEntry>> {
  const found = new Map<string, VisibleEntry>();
  if (ids.length === 0) return found;
  const readable = await readableCollections(node, caller);
  const byCollection = await visibleByCollection(node, caller, new Map(readable.map((c) => [c, ids])), audit);
  for (const here of byCollection.values())
    for (const entry of here.values()) found.set(entry.id, newerEntry(found.get(entry.id), entry));
  return found;
}
