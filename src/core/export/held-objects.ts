/**
 * Which of the objects a reader sees an export holds (issue 19): the largest set in which every
 * object stays valid STIX once its references to objects outside the set are taken out
 * (withhold-references.ts). Found as a fixpoint: start from everything visible; an object not
 * valid without its references to what is not held leaves the set, and whatever references it
 * is checked again, however long the chain (a report naming a note about a relationship to a
 * hidden object loses the note, and is withheld itself when nothing else is left in it).
 *
 * Memory holds ids and references, not objects: one pass reads the references of every visible
 * object, then only the objects that lost a reference are read again, a chunk of ids at a time.
 */
import { referencesOf, withheldReferences } from './withhold-references.js';

type Json = Readonly<Record<string, unknown>>;

/** Where the objects a reader sees come from. */
export interface HeldSource {
  /** Every object the reader sees, page by page. */
  pages(): AsyncIterable<readonly Json[]>;
  /** The objects among `ids` the reader sees (as `pages` gives them). */
  objects(ids: readonly string[]): Promise<readonly Json[]>;
}

/** Ids read again per request. */
const CHUNK = 400;

/** The ids of the objects an export of `source` holds (see the module comment). */
export async function heldObjects(source: HeldSource): Promise<Set<string>> {
  const held = new Set<string>();
  /** For each referenced id, the visible objects that reference it. */
  const referrers = new Map<string, string[]>();
  const references = new Map<string, Set<string>>();
  for await (const page of source.pages())
    for (const o of page) {
      const id = String(o.id);
      held.add(id);
      const refs = referencesOf(o);
      if (refs.size === 0) continue;
      references.set(id, refs);
      for (const r of refs) {
        const list = referrers.get(r);
        if (list === undefined) referrers.set(r, [id]);
        else list.push(id);
      }
    }
  // To check: what references something not visible; then what referenced what left the set.
  let suspects = new Set<string>();
  for (const [id, refs] of references) for (const r of refs) if (!held.has(r)) suspects.add(id);
  while (suspects.size > 0) {
    const next = new Set<string>();
    const drop = (id: string) => {
      held.delete(id);
      for (const r of referrers.get(id) ?? []) if (held.has(r)) next.add(r);
    };
    const ids = [...suspects].filter((id) => held.has(id));
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const found = new Map((await source.objects(chunk)).map((o) => [String(o.id), o]));
      for (const id of chunk) {
        const o = found.get(id);
        // Gone since the first pass (deleted, or no longer visible): not held either.
        if (o === undefined || withheldReferences(o, (r) => held.has(r)) === undefined) drop(id);
      }
    }
    suspects = next;
  }
  return held;
}
