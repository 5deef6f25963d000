/**
 * Removing organisations, users and collections (CONTRACT.md "Operations"): each in one
 * transaction that never leaves a row pointing at what is gone.
 */

/** What still refers to an organisation. */
export interface OrganizationReferences {
  /** Its users (their tokens go with them). */
  readonly users: readonly string[];
  /** Collections whose read or write list names it. */
  readonly collections: readonly string[];
  /** Peers that are it or speak for it. */
  readonly peers: readonly string[];
  /** Object versions and marking definitions it produced: their provenance names it. */
  readonly versions: number;
}

/** What still refers to a collection. */
export interface CollectionReferences {
  /** Object versions stored in it. */
  readonly versions: number;
  /** Peers that sync into or out of it. */
  readonly peers: readonly string[];
}

/** Whether a removal also takes away what refers to the record (see each method). */
export interface RemovalMode {
  readonly cascade: boolean;
}

/** Removal of accounts and collections; every backend checks references inside the transaction. */
export interface RemovalStore {
  /** What refers to an organisation; undefined when there is no such organisation. */
  organizationReferences(id: string): Promise<OrganizationReferences | undefined>;
  /**
   * Removes an organisation. With `cascade` its users and their tokens go too, and it leaves
   * every collection's read and write lists. Peers and produced versions are never removed with
   * it: while any exist (or, without cascade, any user or grant), STORE_STILL_REFERENCED.
   * False when there is no such organisation.
   */
  removeOrganization(id: string, mode: RemovalMode): Promise<boolean>;
  /** Removes a user with its tokens; false when there is no such user. */
  removeUser(username: string): Promise<boolean>;
  /** What refers to a collection; undefined when there is no such collection. */
  collectionReferences(id: string): Promise<CollectionReferences | undefined>;
  /**
   * Removes a collection. With `cascade` its object versions (kept by id and version for the
   * audit log, as a deleted version is) and its status records go too. Peers are never removed
   * with it: while any exist (or, without cascade, any version), STORE_STILL_REFERENCED. False
   * when there is no such collection.
   */
  removeCollection(id: string, mode: RemovalMode): Promise<boolean>;
}
