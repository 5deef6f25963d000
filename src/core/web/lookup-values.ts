/**
 * Bulk lookup (issue 17, "bulk paste of values"): which of many values (addresses, domains,
 * hashes, ATT&CK ids, names) the caller's visible objects have as a term, exactly and without
 * regard to case. Hits pass the caller's plan as in searchObjects; a value known only from
 * objects the caller may not see is reported unknown, as if they were absent.
 */
import { normaliseSearchText, type SearchHit } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import type { NodeServices } from '../node/node-services.js';
import { readableCollections } from './newest-visible.js';
import { type ObjectSummary, summaryOf } from './object-summary.js';
import { seenTermMatches, visibleOf } from './search-objects.js';

/** Most values in one request (docs/reference/api.md). */
export const MAX_LOOKUP_VALUES = 10_000;
/** Objects reported per value at most. */
export const OBJECTS_PER_VALUE = 10;

/** The answer: known values with the objects that have them, and the unknown ones, in input order. */
export interface ValueLookupResult {
  readonly known: readonly { readonly value: string; readonly objects: readonly ObjectSummary[] }[];
  readonly unknown: readonly string[];
}

/** Looks the values up for the caller. */
export async function lookupValues(
  node: NodeServices,
  caller: Caller,
  values: readonly string[],
): Promise<ValueLookupResult> {
  if (values.length > MAX_LOOKUP_VALUES)
    throw new CoreError('CORE_INVALID', `at most ${MAX_LOOKUP_VALUES} values per lookup`);
  const readable = new Set(await readableCollections(node, caller));
  const terms = values.map(normaliseSearchText);
  const hits = (
    await node.store.lookupTerms(
      terms.filter((t) => t.length > 0),
      OBJECTS_PER_VALUE,
    )
  ).filter((h) => readable.has(h.collectionId));
  const visible = await visibleOf(node, caller, hits);
  const byTerm = new Map<string, SearchHit[]>();
  for (const h of hits) byTerm.set(h.term, [...(byTerm.get(h.term) ?? []), h]);
  const known: { value: string; objects: ObjectSummary[] }[] = [];
  const unknown: string[] = [];
  values.forEach((value, i) => {
    const term = terms[i] as string;
    const objects = new Map<string, ObjectSummary>();
    for (const h of byTerm.get(term) ?? []) {
      const entry = visible.get(h.collectionId)?.get(h.id);
      if (entry === undefined || objects.has(h.id)) continue;
      if (seenTermMatches(entry.object, h.field, (t) => t === term))
        objects.set(h.id, summaryOf(entry.object));
    }
    if (objects.size > 0) known.push({ value, objects: [...objects.values()] });
    else unknown.push(value);
  });
  return { known, unknown };
}
