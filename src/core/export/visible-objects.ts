/**
 * What a user may see of a collection, for `accord export`: the latest STIX 2.1 version of every
 * object the policy shows the user, page by page, with references to what the export does not
 * hold taken out (withhold-references.ts). Read through core's query functions only, so policy
 * decides every row; reads of TLP:AMBER and RED content are audited as TAXII reads are.
 *
 * Memory is bounded by a page and a bounded cache of ids. Whether a referenced object is held
 * is decided when it is first met: it is visible, and still valid without its own references to
 * what is not visible (a relationship to a hidden object is withheld, and so is every reference
 * to that relationship). Chains longer than that (a relationship to a relationship to a hidden
 * object) are followed one step only; hidden objects themselves never appear, at any depth.
 */
import type { Caller } from '../accounts/caller.js';
import type { NodeServices } from '../node/node-services.js';
import { type ObjectFilters, readVisible } from '../query/query-objects.js';
import { referencesOf, withheldReferences } from './withhold-references.js';

type Json = Readonly<Record<string, unknown>>;

/** Objects per page read. */
const PAGE = 500;
/** Ids looked up per query of referenced objects. */
const LOOKUP = 400;
/** Ids whose standing is remembered across pages (then forgotten, and asked again when needed). */
const CACHE = 100_000;

/** The versions an export holds: the latest 2.1 version of each object the reader sees (TAXII match[version]=last). */
const HELD: ObjectFilters = { versions: { kind: 'last' }, specVersions: ['2.1'], limit: PAGE };

/** Counts of an export read. */
export interface ExportCounts {
  objects: number;
  /** Visible objects left out: not valid without references to what the reader may not see. */
  withheld: number;
}

/** One read: the reader, the collection, and what is known of ids (true: held; false: not). */
class ExportRead {
  readonly cache = new Map<string, boolean>();

  constructor(
    private readonly node: NodeServices,
    private readonly caller: Caller,
    private readonly collectionId: string,
  ) {}

  page(cursor: ObjectFilters['cursor'], audit: boolean) {
    return readVisible(
      this.node,
      this.caller,
      this.collectionId,
      { ...HELD, ...(cursor === undefined ? {} : { cursor }) },
      audit,
    );
  }

  /** The visible objects among `ids` (not audited: nothing of them is shown here). */
  async #visible(ids: readonly string[]): Promise<Json[]> {
    const found: Json[] = [];
    for (let i = 0; i < ids.length; i += LOOKUP) {
      const chunk = ids.slice(i, i + LOOKUP);
      const page = await readVisible(
        this.node,
        this.caller,
        this.collectionId,
        { ...HELD, ids: chunk, limit: chunk.length },
        false,
      );
      for (const entry of page.items) found.push(entry.object);
    }
    return found;
  }

  /** Settles whether each referenced id not yet known is held (see the module comment). */
  async settle(ids: Iterable<string>): Promise<void> {
    const unknown = [...ids].filter((id) => !this.cache.has(id));
    if (unknown.length === 0) return;
    for (const id of unknown) this.cache.set(id, false);
    const found = await this.#visible(unknown);
    // One step further: the references of what was found, visible or not.
    const next = new Set<string>();
    for (const o of found) for (const r of referencesOf(o)) if (!this.cache.has(r)) next.add(r);
    const deeper = new Set((await this.#visible([...next])).map((o) => String(o.id)));
    const visible = new Set(found.map((o) => String(o.id)));
    const held = (id: string) => this.cache.get(id) === true || deeper.has(id) || visible.has(id);
    for (const o of found) this.cache.set(String(o.id), withheldReferences(o, held) !== undefined);
  }
}

/** The objects of a collection the caller may see, as an export holds them (see the module comment). */
export async function* visibleObjects(
  node: NodeServices,
  caller: Caller,
  collectionId: string,
  counts: ExportCounts,
): AsyncGenerator<Json> {
  const read = new ExportRead(node, caller, collectionId);
  const { cache } = read;
  let cursor: ObjectFilters['cursor'];
  for (;;) {
    const page = await read.page(cursor, true);
    if (cache.size > CACHE) cache.clear();
    const objects = page.items.map((e) => e.object);
    for (const o of objects) cache.set(String(o.id), true);
    const refs = new Set<string>();
    for (const o of objects) referencesOf(o, refs);
    await read.settle(refs);
    // Withholding one object of the page may leave another of it invalid: until nothing changes.
    let kept = new Map<Json, Json>();
    for (let changed = true; changed; ) {
      changed = false;
      kept = new Map();
      for (const o of objects) {
        if (cache.get(String(o.id)) !== true) continue;
        const held = withheldReferences(o, (id) => cache.get(id) === true);
        if (held === undefined) {
          cache.set(String(o.id), false);
          changed = true;
        } else kept.set(o, held);
      }
    }
    for (const o of objects) {
      const held = kept.get(o);
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
