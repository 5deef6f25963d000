/**
 * Search (issue 17, issue 19): objects by name, alias, external id (ATT&CK T1059, G0016),
 * indicator value or id, by prefix and without regard to case, paged. The store's index only
 * proposes candidates; each goes through the caller's plan (newestVisible), and a hit counts
 * only when what the caller sees of the object still has the matching term (an index row may
 * come from an older version or from content a granular marking hides). Nothing is counted, so
 * nothing about hidden objects can be inferred from the answer.
 */
import {
  type IndexField,
  normaliseSearchText,
  type SearchField,
  type SearchHit,
  type SearchPosition,
  searchTermsOf,
} from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import type { NodeServices } from '../node/node-services.js';
import type { VisibleEntry } from '../query/query-objects.js';
import { readableCollections, visibleByCollection } from './newest-visible.js';
import { type ObjectSummary, summaryOf } from './object-summary.js';

/** A search request. */
export interface SearchInput {
  readonly text: string;
  readonly types?: readonly string[];
  readonly limit: number;
  readonly cursor?: string;
}

/** A search hit as the caller may see it. */
export type SearchResult = ObjectSummary & { readonly matched: SearchField };

/** One page of results; `next` continues after it (null: no more). */
export interface SearchPage {
  readonly results: readonly SearchResult[];
  readonly next: string | null;
}

/** Candidates read per store query, and store queries per page at most. */
const BATCH = 200;
const ROUNDS = 5;

function encodeCursor(p: SearchPosition): string {
  return Buffer.from(JSON.stringify([p.term, p.seq])).toString('base64url');
}

function decodeCursor(cursor: string): SearchPosition {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && Number.isSafeInteger(v[1])) {
      return { term: v[0], seq: v[1] as number };
    }
  } catch {
    // answered below
  }
  throw new CoreError('CORE_INVALID', 'malformed search cursor');
}

/** What the reader sees of the object has a term of `field` that `test` accepts. */
export function seenTermMatches(
  object: Readonly<Record<string, unknown>>,
  field: IndexField,
  test: (term: string) => boolean,
): boolean {
  return searchTermsOf(object).some((t) => t.field === field && test(t.term));
}

/**
 * The first (term, field) by which the index orders what the reader sees of the object under
 * `prefix`, or undefined when nothing it sees matches. An object is reported at that position
 * only, so that pages never repeat it ("fancy bear" and "fancy" both start with "fan").
 */
function firstMatch(object: Readonly<Record<string, unknown>>, prefix: string): string | undefined {
  let first: string | undefined;
  for (const t of searchTermsOf(object)) {
    if (!t.term.startsWith(prefix)) continue;
    const key = `${t.term}\u0000${t.field}`;
    if (first === undefined || key < first) first = key;
  }
  return first;
}

/** One page of search results for the caller. */
export async function searchObjects(
  node: NodeServices,
  caller: Caller,
  input: SearchInput,
): Promise<SearchPage> {
  const prefix = normaliseSearchText(input.text);
  if (prefix.length === 0) throw new CoreError('CORE_INVALID', 'empty search');
  const readable = new Set(await readableCollections(node, caller));
  const results: SearchResult[] = [];
  const seen = new Set<string>();
  let after = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
  for (let round = 0; round < ROUNDS; round++) {
    const hits = await node.store.searchTerms({
      prefix,
      limit: BATCH,
      ...(input.types && input.types.length > 0 ? { types: input.types } : {}),
      ...(after ? { after } : {}),
    });
    const visible = await visibleOf(
      node,
      caller,
      hits.filter((h) => readable.has(h.collectionId)),
    );
    for (const hit of hits) {
      const entry = visible.get(hit.collectionId)?.get(hit.id);
      // Reported once: at the version the caller sees, under its first matching term and field.
      if (seen.has(hit.id) || entry === undefined || entry.version !== hit.version) continue;
      if (firstMatch(entry.object, prefix) !== `${hit.term}\u0000${hit.field}`) continue;
      seen.add(hit.id);
      // firstMatch only takes terms starting with the query text: never a reference term.
      results.push({ ...summaryOf(entry.object), matched: hit.field as SearchField });
      if (results.length === input.limit) return { results, next: encodeCursor(hit) };
    }
    if (hits.length < BATCH) return { results, next: null };
    after = hits[hits.length - 1];
  }
  // The page scanned its share of candidates: the caller continues from where it stopped.
  return { results, next: after === undefined ? null : encodeCursor(after) };
}

/** What each hit's collection shows the caller of the hit's object. */
export function visibleOf(
  node: NodeServices,
  caller: Caller,
  hits: readonly SearchHit[],
): Promise<Map<string, Map<string, VisibleEntry>>> {
  const within = new Map<string, string[]>();
  for (const h of hits) within.set(h.collectionId, [...(within.get(h.collectionId) ?? []), h.id]);
  return visibleByCollection(node, caller, within, true);
}
