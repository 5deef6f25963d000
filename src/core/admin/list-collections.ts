/** `collection list` (CONTRACT.md "Operations"): collections with their access lists. */
import type { CollectionRecord, Store } from '../../store/index.js';

/** A collection as `collection list` shows it: `read` and `write` hold organisation slugs or `*`. */
export interface CollectionInfo {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly alias?: string;
  readonly read: readonly string[];
  readonly write: readonly string[];
}

/** The shape `collection list` prints for one collection. */
export function collectionInfo(c: CollectionRecord): CollectionInfo {
  return {
    id: c.id,
    title: c.title,
    ...(c.description === undefined ? {} : { description: c.description }),
    ...(c.alias === undefined ? {} : { alias: c.alias }),
    read: c.canRead,
    write: c.canWrite,
  };
}

/** Every collection, in creation order (the order TAXII lists them). */
export async function listCollections(store: Store): Promise<CollectionInfo[]> {
  return (await store.listCollections()).map(collectionInfo);
}
