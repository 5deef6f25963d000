/**
 * What a previous import read of a MISP feed, kept in the node's store itself: an event is
 * converted into `report--<event uuid>` (or `grouping--…` while unpublished) whose `modified` is
 * the event's timestamp, so the latest version of that object the importing user sees in the
 * collection says which timestamp was read. No state file to lose or go stale: a fresh database
 * or another collection reads the whole feed again, and an event whose report was refused is
 * read again next time. Read through core's query functions (policy decides), never the store.
 */
import type { FeedManifest, FeedState } from '../../interop/index.js';
import type { Caller } from '../accounts/caller.js';
import type { NodeServices } from '../node/node-services.js';
import { readVisible } from '../query/query-objects.js';

/** Ids per query: well under SQLite's limit of bound parameters. */
const CHUNK = 400;

// RFC 4122 uuids are the STIX uuid itself (interop/misp/stix-ids.ts); others never match a manifest key read as a uuid.
const RFC4122 = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The feed state the collection holds for the manifest's events (uuid → timestamp stored). */
export async function feedStateInStore(
  node: NodeServices,
  caller: Caller,
  collectionId: string,
  manifest: FeedManifest,
): Promise<FeedState> {
  const state: Record<string, number> = {};
  const uuids = manifest.entries.map((e) => e.uuid).filter((u) => RFC4122.test(u));
  for (let i = 0; i < uuids.length; i += CHUNK) {
    const ids = uuids.slice(i, i + CHUNK).flatMap((u) => [`report--${u}`, `grouping--${u}`]);
    const page = await readVisible(
      node,
      caller,
      collectionId,
      { ids, versions: { kind: 'last' }, limit: ids.length },
      false,
    );
    for (const entry of page.items) {
      const seconds = Date.parse(entry.version) / 1000;
      if (!Number.isInteger(seconds)) continue;
      const uuid = entry.id.slice(entry.id.indexOf('--') + 2);
      state[uuid] = Math.max(state[uuid] ?? 0, seconds);
    }
  }
  return state;
}
