/**
 * The marking combinations (row_meta ids) whose `added` entries a reader may not see when they
 * carry no granular markings, as its RowClass function says. Feed reads skip those rows inside
 * the feed index (migration 9 puts meta_id and flags in it), so a page for a reader who sees
 * few of a collection's versions costs what it returns, not the collection's size, and takes no
 * longer for having many hidden versions (DESIGN.md, Trust: no answer depends on them).
 */
import type { MarkingFacts, RowClass } from '../objects.js';
import type { RowMetaDictionary } from './row-meta.js';

type ClassOf = (facts: MarkingFacts) => RowClass;

/** Hidden combinations per class function (a policy hands out one per reader while its answers hold). */
export class HiddenMetas {
  readonly #dictionary: RowMetaDictionary;
  readonly #known = new WeakMap<ClassOf, { count: number; hidden: number[]; json: string | undefined }>();

  constructor(dictionary: RowMetaDictionary) {
    this.#dictionary = dictionary;
  }

  /** The hidden combinations as a JSON array for SQL (json_each), or undefined when there are none. */
  of(classOf: ClassOf): string | undefined {
    const ids = this.#dictionary.ids();
    let entry = this.#known.get(classOf);
    if (entry?.count === ids.length) return entry.json;
    entry ??= { count: 0, hidden: [], json: undefined };
    // Combinations are never changed or removed: only those added since are classified.
    for (let i = entry.count; i < ids.length; i++) {
      const id = ids[i] as number;
      if (classOf(this.#dictionary.get(id)).kind === 'hiddenUnlessGranular') entry.hidden.push(id);
    }
    entry.count = ids.length;
    entry.json = entry.hidden.length === 0 ? undefined : JSON.stringify(entry.hidden);
    this.#known.set(classOf, entry);
    return entry.json;
  }
}
