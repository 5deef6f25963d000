/**
 * What a user may see of a collection, for `accord export`: the latest STIX 2.1 version of every
 * object the policy shows the user, page by page (memory bounded by a page and a bounded cache of
 * ids), with references to what the user does not see taken out (withhold-references.ts). Read
 * through core's query functions only, so policy decides every row; reads of TLP:AMBER and RED
 * content are audited as TAXII reads are.
 */
import type { Caller } from '../accounts/caller.js';
import type { NodeServices } from '../node/node-services.js';
import { type ReadFilters, readVisible } from '../query/query-objects.js';
import { referencesOf, withheldReferences } from './withhold-references.js';

type Json = Readonly<Record<string, unknown>>;

/** Objects per page read. */
const PAGE = 500;
/** Ids looked up per query of referenced objects. */
const LOOKUP = 400;
/** Ids whose visibility is remembered across pages (then forgotten, and asked again when needed). */
const CACHE = 100_000;

/** The versions an export holds: the latest 2.1 version of each object the reader sees (TAXII match[version]=last). */
const HELD: ReadFilters = { versions: { kind: 'last' }, specVersions: ['2.1'], limit: PAGE };

/** Counts of an export read. */
export interface ExportCounts {
  objects: number;
  /** Visible objects left out because they are not valid without references to what the reader may not see. */
  withheld: number;
}

/** Which of `ids` the export holds (visible to the caller), remembered in `cache`. */
async function lookUp(
  node: NodeServices,
  caller: Caller,
  collectionId: string,
  ids: readonly string[],
  cache: Map<string, boolean>,
): Promise<void> {
  for (let i = 0; i < ids.length; i += LOOKUP) {
    const chunk = ids.slice(i, i + LOOKUP);
    for (const id of chunk) cache.set(id, false);
    // Not audited: this learns only which ids exist for the reader, and nothing of them is shown.
    const page = await readVisible(
      node,
      caller,
      collectionId,
      { ...HELD, ids: chunk, limit: chunk.length },
      false,
    );
    for (const entry of page.items) cache.set(entry.id, true);
  }
}

/** The objects of a collection the caller may see, as an export holds them (see the module comment). */
export async function* visibleObjects(
  node: NodeServices,
  caller: Caller,
  collectionId: string,
  counts: ExportCounts,
): AsyncGenerator<Json> {
  const cache = new Map<string, boolean>();
  let cursor: ReadFilters['cursor'];
  for (;;) {
    const page = await readVisible(
      node,
      caller,
      collectionId,
      { ...HELD, ...(cursor === undefined ? {} : { cursor }) },
      true,
    );
    const objects = page.items.map((e) => e.object);
    if (cache.size > CACHE) cache.clear();
    for (const o of objects) cache.set(String(o.id), true);
    const unknown = new Set<string>();
    for (const o of objects) for (const r of referencesOf(o)) if (!cache.has(r)) unknown.add(r);
    if (unknown.size > 0) await lookUp(node, caller, collectionId, [...unknown], cache);
    for (const o of objects) {
      const held = withheldReferences(o, (id) => cache.get(id) === true);
      if (held === undefined) counts.withheld++;
      else {
        counts.objects++;
        yield held;
      }
    }
    if (!page.more || page.next === undefined) return;
    cursor = page.next;
  }
}
