/**
 * What a user may see of a collection, for `accord export`: the latest STIX 2.1 version of every
 * object the policy shows the user, page by page, holding only what held-objects.ts settles and
 * with references to anything else taken out (withhold-references.ts). Read through core's query
 * functions only, so policy decides every row; reads of TLP:AMBER and RED content are audited as
 * TAXII reads are (the first pass, which only settles what is held, shows nothing and is not).
 *
 * Memory is bounded by a page and the ids and references of the collection. The collection may
 * change between the passes: an object added since is left out (counted as withheld), one that
 * changed is held only if still valid without references to what is not held; no hidden object
 * appears either way, since both passes read through the policy.
 */
import type { ValidatedObject } from '../../stix/index.js';
import type { Caller } from '../accounts/caller.js';
import type { NodeServices } from '../node/node-services.js';
import { type ObjectFilters, readVisible } from '../query/query-objects.js';
import { type HeldSource, heldObjects } from './held-objects.js';
import { withheldReferences } from './withhold-references.js';

/** Objects per page read. */
const PAGE = 500;

/** The versions an export holds: the latest 2.1 version of each object the reader sees (TAXII match[version]=last). */
const HELD: ObjectFilters = { versions: { kind: 'last' }, specVersions: ['2.1'], limit: PAGE };

/** Counts of an export read. */
export interface ExportCounts {
  objects: number;
  /** Visible objects left out: not valid without references to what the reader may not see. */
  withheld: number;
}

/** The reader's pages of the collection, audited or not. */
async function* pagesOf(
  node: NodeServices,
  caller: Caller,
  collectionId: string,
  audit: boolean,
): AsyncGenerator<readonly ValidatedObject[]> {
  let cursor: ObjectFilters['cursor'];
  for (;;) {
    const filters = { ...HELD, ...(cursor === undefined ? {} : { cursor }) };
    const page = await readVisible(node, caller, collectionId, filters, audit);
    yield page.items.map((e) => e.object);
    if (!page.more || page.next === undefined) return;
    cursor = page.next;
  }
}

/** The export's view of the collection for held-objects.ts: nothing read here is shown, so nothing is audited. */
function sourceOf(node: NodeServices, caller: Caller, collectionId: string): HeldSource {
  return {
    pages: () => pagesOf(node, caller, collectionId, false),
    objects: async (ids) => {
      const page = await readVisible(node, caller, collectionId, { ...HELD, ids, limit: ids.length }, false);
      return page.items.map((e) => e.object);
    },
  };
}

/** The objects of a collection the caller may see, as an export holds them (see the module comment). */
export async function* visibleObjects(
  node: NodeServices,
  caller: Caller,
  collectionId: string,
  counts: ExportCounts,
): AsyncGenerator<ValidatedObject> {
  const held = await heldObjects(sourceOf(node, caller, collectionId));
  const isHeld = (id: string) => held.has(id);
  for await (const page of pagesOf(node, caller, collectionId, true))
    for (const o of page) {
      const kept = isHeld(String(o.id)) ? withheldReferences(o, isHeld) : undefined;
      if (kept === undefined) counts.withheld++;
      else {
        counts.objects++;
        yield kept;
      }
    }
}
