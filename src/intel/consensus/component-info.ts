/** How a group of objects (one subject or one target) is shown: its ids and one name. */
import type { GroupFacts } from './grouping-keys.js';
import { nameKey } from './grouping-keys.js';

/** A group's ids (sorted) and display name. */
export interface ComponentInfo {
  readonly refs: readonly string[];
  readonly name: string;
}

/**
 * The ids of a group, sorted, and its name: the name most of its objects bear (compared
 * case-insensitively; a tie goes to the key that sorts first), as written by the smallest id
 * bearing it; a group with no named object visible is named by its smallest id.
 */
export function componentInfo(
  members: Iterable<string>,
  factsOf: (id: string) => GroupFacts | undefined,
): ComponentInfo {
  const list = [...members];
  if (list.length === 1) {
    // The usual group: one object.
    const only = list[0] as string;
    return { refs: list, name: factsOf(only)?.name ?? only };
  }
  const refs = [...new Set(list)].sort();
  const counts = new Map<string, { count: number; shown: string }>();
  for (const id of refs) {
    const name = factsOf(id)?.name;
    if (name === undefined) continue;
    const key = nameKey(name) as string;
    const seen = counts.get(key);
    // refs are sorted, so the first id bearing a key gives its written form.
    if (seen === undefined) counts.set(key, { count: 1, shown: name });
    else seen.count++;
  }
  let best: { key: string; count: number; shown: string } | undefined;
  for (const [key, { count, shown }] of counts) {
    if (best === undefined || count > best.count || (count === best.count && key < best.key)) {
      best = { key, count, shown };
    }
  }
  return { refs, name: best?.shown ?? (refs[0] as string) };
}
