/**
 * What intel/ reads, as one caller may see it: every version of some types in every collection
 * the caller may read, through the one read path (policy/ decides each entry; hidden ≡ absent).
 */
import type { VersionRecord } from '../../intel/index.js';
import { may } from '../../policy/index.js';
import { timestampMicros, type ValidatedObject, versionOf } from '../../stix/index.js';
import type { Cursor, VersionSelector } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import type { NodeServices } from '../node/node-services.js';
import { readVisible, type VisibleEntry } from '../query/query-objects.js';
import { actorOf } from '../query/reader-of.js';

const PAGE = 1000;

/** The ids of the collections the caller may read, in the store's order. */
export async function readableCollections(node: NodeServices, caller: Caller): Promise<string[]> {
  const actor = actorOf(caller);
  return (await node.store.listCollections())
    .filter((c) => may(actor, 'collection.read', c))
    .map((c) => c.id);
}

/** Every entry the caller sees in one collection for the filters, following `next`. */
async function allEntries(
  node: NodeServices,
  caller: Caller,
  collectionId: string,
  filters: {
    readonly types?: readonly string[];
    readonly ids?: readonly string[];
    readonly versions: VersionSelector;
  },
): Promise<VisibleEntry[]> {
  const out: VisibleEntry[] = [];
  let cursor: Cursor | undefined;
  for (;;) {
    const page = await readVisible(
      node,
      caller,
      collectionId,
      { ...filters, limit: PAGE, ...(cursor === undefined ? {} : { cursor }) },
      true,
    );
    out.push(...page.items);
    if (!page.more || page.next === undefined) return out;
    cursor = page.next;
  }
}

/** Identity ids of organisation slugs known to the node. */
export async function identitiesOfOrgs(node: NodeServices): Promise<ReadonlyMap<string, string>> {
  return new Map((await node.store.listOrganizations()).map((o) => [o.id, o.identityId]));
}

/** A version the caller sees, with the collection it is in. */
export interface CollectedRecord extends VersionRecord {
  readonly collectionId: string;
}

/** What the caller sees of every version of the given types (or ids), across readable collections. */
export async function visibleVersions(
  node: NodeServices,
  caller: Caller,
  filters: { readonly types?: readonly string[]; readonly ids?: readonly string[] },
): Promise<CollectedRecord[]> {
  const identities = await identitiesOfOrgs(node);
  const records: CollectedRecord[] = [];
  for (const collectionId of await readableCollections(node, caller)) {
    for (const e of await allEntries(node, caller, collectionId, { ...filters, versions: { kind: 'all' } })) {
      const producer = e.producerOrg === undefined ? undefined : identities.get(e.producerOrg);
      if (producer !== undefined)
        records.push({ object: e.object, producer, addedAt: e.dateAdded, collectionId });
    }
  }
  return records;
}

/** The newest version the caller sees of each id (by `modified`, else `created`), across collections. */
export async function newestVisible(
  node: NodeServices,
  caller: Caller,
  ids: readonly string[],
): Promise<Map<string, ValidatedObject>> {
  const found = new Map<string, ValidatedObject>();
  if (ids.length === 0) return found;
  const stamp = (o: ValidatedObject) => timestampMicros(versionOf(o)) ?? 0;
  for (const collectionId of await readableCollections(node, caller)) {
    for (const e of await allEntries(node, caller, collectionId, { ids, versions: { kind: 'last' } })) {
      const known = found.get(e.id);
      if (known === undefined || stamp(e.object) > stamp(known)) found.set(e.id, e.object);
    }
  }
  return found;
}
