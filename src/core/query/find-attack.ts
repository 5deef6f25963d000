/**
 * `accord attack show ID` (issue 19: techniques and groups searchable by ATT&CK id): the objects
 * a user may see whose ATT&CK id is ID, in one collection or every collection it may read. Read
 * through the policy like any query: a hidden object is not found, exactly as a missing one. The
 * search reads only the types the id's prefix names (interop attackTypesOf), unaudited; the
 * objects found are read again by id, audited, since they are shown.
 */
import { attackIdsOf, attackTypesOf } from '../../interop/index.js';
import type { PolicyContexts } from '../../policy/index.js';
import type { Micros, Store } from '../../store/index.js';
import { CoreError } from '../errors/core-error.js';
import { callerOf } from '../ingest/import-files.js';
import { nodeServices } from '../node/node-services.js';
import { accessOf, usableCollection } from './collection-access.js';
import { type ObjectFilters, readVisible } from './query-objects.js';

type Json = Readonly<Record<string, unknown>>;

/** What a search by ATT&CK id needs. */
export interface AttackSearch {
  readonly attackId: string;
  readonly username: string;
  /** One collection; default: every collection the user may read. */
  readonly collectionId?: string;
  readonly policy?: PolicyContexts;
  readonly now?: () => Micros;
}

/** An object found, with the collection it is in. */
export interface AttackHit {
  readonly collectionId: string;
  readonly object: Json;
}

const PAGE = 1000;

/** The latest version of each visible object whose ATT&CK id is `search.attackId`. */
export async function findByAttackId(store: Store, search: AttackSearch): Promise<AttackHit[]> {
  const types = attackTypesOf(search.attackId);
  if (types === undefined)
    throw new CoreError(
      'CORE_INVALID',
      `${search.attackId} is not an ATT&CK id (T1059, T1059.001, G0007, S0154, TA0001, …)`,
    );
  const wanted = search.attackId.toUpperCase();
  const caller = await callerOf(store, search.username);
  const collections =
    search.collectionId === undefined
      ? (await store.listCollections()).filter((c) => accessOf(caller, c).canRead).map((c) => c.id)
      : [(await usableCollection(store, caller, search.collectionId, { read: true })).id];
  const node = nodeServices(store, {
    ...(search.policy === undefined ? {} : { policy: search.policy }),
    ...(search.now === undefined ? {} : { now: search.now }),
  });
  const hits: AttackHit[] = [];
  for (const collectionId of collections) {
    const ids: string[] = [];
    const filters: ObjectFilters = { types, versions: { kind: 'last' }, specVersions: ['2.1'], limit: PAGE };
    let cursor: ObjectFilters['cursor'];
    for (;;) {
      const page = await readVisible(
        node,
        caller,
        collectionId,
        { ...filters, ...(cursor ? { cursor } : {}) },
        false,
      );
      for (const e of page.items) if (attackIdsOf(e.object).includes(wanted)) ids.push(e.id);
      if (!page.more || page.next === undefined) break;
      cursor = page.next;
    }
    if (ids.length === 0) continue;
    const shown = await readVisible(node, caller, collectionId, { ...filters, ids, limit: ids.length }, true);
    for (const e of shown.items) hits.push({ collectionId, object: e.object });
  }
  return hits;
}
