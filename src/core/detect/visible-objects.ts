/**
 * Every version of one type a caller may see in a collection, page by page, through the same
 * policy read as TAXII (readVisible): detection never reads the store around the policy.
 */
import type { Caller } from '../accounts/caller.js';
import type { NodeServices } from '../node/node-services.js';
import { usableCollection } from '../query/collection-access.js';
import { type ObjectFilters, readVisible, type VisibleEntry } from '../query/query-objects.js';

const PAGE = 1000;

/**
 * The latest visible version of each object of `types` (or of `ids`) in a collection the caller
 * may read. `audit`: the read discloses the objects to the caller, so reads of TLP:AMBER and RED
 * versions go to the audit log as TAXII reads do; a use case that only computes from them (the
 * summaries' counts, a sighting's stored version) does not disclose them.
 */
export async function* visibleObjects(
  node: NodeServices,
  caller: Caller,
  collectionId: string,
  filters: Pick<ObjectFilters, 'types' | 'ids'>,
  audit: boolean,
): AsyncGenerator<VisibleEntry> {
  await usableCollection(node.store, caller, collectionId, { read: true });
  let cursor: ObjectFilters['cursor'];
  for (;;) {
    const page = await readVisible(
      node,
      caller,
      collectionId,
      { ...filters, versions: { kind: 'last' }, limit: PAGE, ...(cursor ? { cursor } : {}) },
      audit,
    );
    yield* page.items;
    if (!page.more || page.next === undefined) return;
    cursor = page.next;
  }
}
