/**
 * A marking definition that arrives after versions referencing it can make them visible to a
 * peer whose push already passed them (they were hidden then: an unknown definition denies).
 * Moving those peers' push cursors back makes the next push reconsider them; the peer keeps
 * what it already has (it deduplicates by id and version).
 */
import { asMicros, type Micros } from '../../stix/index.js';
import type { Store, StoredObject } from '../../store/index.js';

/** Moves the push cursor of each pushing peer of a collection back before the earliest of `rows`. */
export async function rewindPushCursors(store: Store, rows: readonly StoredObject[]): Promise<void> {
  const earliest = new Map<string, Micros>();
  for (const row of rows) {
    const known = earliest.get(row.collectionId);
    if (known === undefined || row.dateAdded < known) earliest.set(row.collectionId, row.dateAdded);
  }
  if (earliest.size === 0) return;
  for (const peer of await store.listPeers()) {
    const from = peer.push ? earliest.get(peer.localCollection) : undefined;
    if (from === undefined) continue;
    const state = await store.getPeerState(peer.name);
    if (state?.pushCursor === undefined || state.pushCursor < from) continue;
    await store.putPeerState({ ...state, pushCursor: asMicros(from - 1) });
  }
}
