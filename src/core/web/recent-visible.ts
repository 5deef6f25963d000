/**
 * The most recent entries a caller sees (the home page's intake and sightings): the feed of each
 * readable collection read forward through the caller's plan from a window before now, the
 * window widened until it holds enough. The store reads feeds oldest first, so "newest" is
 * the tail of a window; a window is read at most MAX_PAGES pages deep.
 */
import { asMicros } from '../../stix/index.js';
import type { Cursor } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import type { NodeServices } from '../node/node-services.js';
import { readVisible, type VisibleEntry } from '../query/query-objects.js';
import { readableCollections } from './newest-visible.js';

const MINUTE = 60_000_000;
const WINDOWS = [10 * MINUTE, 60 * MINUTE, 24 * 60 * MINUTE, 7 * 24 * 60 * MINUTE, 30 * 24 * 60 * MINUTE];
const PAGE = 500;
const MAX_PAGES = 10;

async function tail(
  node: NodeServices,
  caller: Caller,
  collectionId: string,
  after: number,
  types: readonly string[] | undefined,
  n: number,
): Promise<VisibleEntry[]> {
  let kept: VisibleEntry[] = [];
  let cursor: Cursor | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const got = await readVisible(
      node,
      caller,
      collectionId,
      {
        addedAfter: asMicros(after),
        versions: { kind: 'last' },
        limit: PAGE,
        ...(types ? { types } : {}),
        ...(cursor ? { cursor } : {}),
      },
      true,
    );
    kept = [...kept, ...got.items].slice(-n);
    if (!got.more || got.next === undefined) break;
    cursor = got.next;
  }
  return kept;
}

/** Up to `n` of the latest entries the caller sees, newest first, one per object. */
export async function recentVisible(
  node: NodeServices,
  caller: Caller,
  n: number,
  types?: readonly string[],
): Promise<VisibleEntry[]> {
  const collections = await readableCollections(node, caller);
  const now = node.now();
  let found: VisibleEntry[] = [];
  for (const window of WINDOWS) {
    found = [];
    for (const c of collections) found.push(...(await tail(node, caller, c, now - window, types, n)));
    if (found.length >= n) break;
  }
  const newest = new Map<string, VisibleEntry>();
  for (const e of found.sort((a, b) => b.dateAdded - a.dateAdded)) if (!newest.has(e.id)) newest.set(e.id, e);
  return [...newest.values()].slice(0, n);
}
