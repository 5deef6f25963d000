/** Collection access lists (CONTRACT.md `collection add --read/--write`: organisation slugs or `*`). */
import type { CollectionRecord } from '../store/index.js';
import type { Reader } from './types.js';

/** True when the reader's organisation is on the collection's read list (or the list holds `*`). */
export function mayReadCollection(reader: Reader, collection: CollectionRecord): boolean {
  return collection.canRead.includes('*') || collection.canRead.includes(reader.orgId);
}

/** True when the reader's organisation is on the collection's write list (or the list holds `*`). */
export function mayWriteCollection(reader: Reader, collection: CollectionRecord): boolean {
  return collection.canWrite.includes('*') || collection.canWrite.includes(reader.orgId);
}
