/**
 * The search index port (issue 17, issue 19): the terms people look objects up by, kept beside
 * each version and written in the same transaction. It finds candidates only; which of them a
 * reader may see is the policy's decision (core/ filters every hit through the reader's plan).
 */

/** What part of an object a search term comes from. */
export type SearchField = 'name' | 'alias' | 'external_id' | 'value' | 'id';

/**
 * A reference to another object the index keeps too (referenceTerm), so that the objects
 * pointing at one (its relationships, its sightings) are found without a scan.
 */
export type ReferenceField = 'source_ref' | 'target_ref' | 'sighting_of_ref' | 'where_sighted_ref';

/** Every kind of indexed term. */
export type IndexField = SearchField | ReferenceField;

/** One term of a version: lower-cased text (see search-terms.ts) and where it comes from. */
export interface SearchTerm {
  readonly term: string;
  readonly field: IndexField;
}

/** A version (of an object in a collection) that has a matching term. */
export interface SearchHit {
  readonly term: string;
  readonly field: IndexField;
  readonly collectionId: string;
  readonly id: string;
  /** The version's store seq (StoredObject.seq) and version string. */
  readonly seq: number;
  readonly version: string;
}

/** Where a search page ends; the next page starts after it. */
export interface SearchPosition {
  readonly term: string;
  readonly seq: number;
}

/** Terms starting with `prefix` (already normalised, see normaliseSearchText), in term order. */
export interface SearchQuery {
  readonly prefix: string;
  /** Only objects of these STIX types (none: all). */
  readonly types?: readonly string[];
  readonly after?: SearchPosition;
  readonly limit: number;
}

/** Looks objects up by their terms. */
export interface SearchStore {
  /** Hits whose term starts with the prefix, ordered by (term, seq, field). */
  searchTerms(query: SearchQuery): Promise<readonly SearchHit[]>;
  /** Hits whose term equals one of `terms` (normalised), at most `perTerm` per term, by seq. */
  lookupTerms(terms: readonly string[], perTerm: number): Promise<readonly SearchHit[]>;
  /**
   * The versions whose references (ReferenceField) name `id`, ordered by (seq, field), at
   * most `limit`.
   */
  referencesTo(id: string, limit: number): Promise<readonly SearchHit[]>;
}
