/**
 * Collection permissions of a caller, as policy/ decides them (`may`). A collection the caller
 * can neither read nor write does not exist for it (404, TAXII 2.1 sections 5.2-5.8 allow 404
 * for "no access"); one it can see but not use as asked is 403, as section 5.7's table
 * prescribes for DELETE.
 */
import { may } from '../../policy/index.js';
import type { CollectionRecord, Store } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import { actorOf } from './reader-of.js';

/** A collection with what the caller may do with it. */
export interface CollectionAccess {
  readonly collection: CollectionRecord;
  readonly canRead: boolean;
  readonly canWrite: boolean;
}

/** The caller's permissions on a collection. */
export function accessOf(caller: Caller, collection: CollectionRecord): CollectionAccess {
  const actor = actorOf(caller);
  return {
    collection,
    canRead: may(actor, 'collection.read', collection),
    canWrite: may(actor, 'collection.write', collection),
  };
}

/** The collection if the caller may read or write it, else CORE_NOT_FOUND. */
export async function visibleCollection(store: Store, caller: Caller, id: string): Promise<CollectionAccess> {
  const collection = await store.getCollection(id);
  if (collection === undefined || !may(actorOf(caller), 'collection.see', collection)) {
    throw new CoreError('CORE_NOT_FOUND', `no collection ${id}`);
  }
  return accessOf(caller, collection);
}

/** The collection if the caller may do `need` with it; 404 when it cannot see it at all, else 403. */
export async function usableCollection(
  store: Store,
  caller: Caller,
  id: string,
  need: { readonly read?: boolean; readonly write?: boolean },
): Promise<CollectionRecord> {
  const access = await visibleCollection(store, caller, id);
  if (need.read && !access.canRead)
    throw new CoreError('CORE_FORBIDDEN', `you may not read collection ${id}`);
  if (need.write && !access.canWrite)
    throw new CoreError('CORE_FORBIDDEN', `you may not write to collection ${id}`);
  return access.collection;
}
