/** Organisations, users and bearer tokens as the store keeps them (hashes only, never secrets). */

/** A partner organisation; its STIX identity is the `created_by_ref` of what its users create. */
export interface Organization {
  /** Slug such as `uk-ncsc`. */
  readonly id: string;
  readonly name: string;
  /** `identity--…` id of the organisation's STIX identity. */
  readonly identityId: string;
}

/** What a user may do: admins administer, editors write, readers read. */
export type Role = 'admin' | 'editor' | 'reader';

/** A person or a peer node's account. */
export interface UserRecord {
  readonly username: string;
  readonly orgId: string;
  readonly role: Role;
  /** scrypt hash in the self-describing form produced by core's password hashing. */
  readonly passwordHash: string;
  /** A disabled user is refused at login, with a password or any of its tokens (stores return it always). */
  readonly disabled?: boolean;
}

/** A bearer token: `tokenId` is public (looked up), only the secret's hash is kept. */
export interface TokenRecord {
  readonly tokenId: string;
  readonly username: string;
  readonly secretHash: string;
  readonly createdAt: string;
  /** When the token stops working (UTC ISO 8601); absent for tokens made before tokens expired. */
  readonly expiresAt?: string;
}

/**
 * Who made a marking definition known to the node: its administrators (`accord group add`,
 * `embargo add`), or the organisation and origin (`local`, `peer:NAME`) of the version that
 * defined it. The policy counts a definition for an object only from a source its producer trusts.
 */
export type DefinitionSource =
  | { readonly kind: 'node' }
  | { readonly kind: 'version'; readonly producerOrg: string; readonly origin: string };

/** A marking definition as the node keeps it: the first one of its id (spec 7.2.1: never versioned). */
export interface MarkingDefinitionRecord {
  readonly json: string;
  readonly source: DefinitionSource;
}

/** Account storage shared by every backend. */
export interface AccountStore {
  addOrganization(org: Organization): Promise<void>;
  getOrganization(id: string): Promise<Organization | undefined>;
  listOrganizations(): Promise<readonly Organization[]>;
  addUser(user: UserRecord): Promise<void>;
  getUser(username: string): Promise<UserRecord | undefined>;
  /** Every user (of one organisation when given), by username. */
  listUsers(orgId?: string): Promise<readonly UserRecord[]>;
  /** Replaces a user's password hash; false when there is no such user. */
  setPasswordHash(username: string, passwordHash: string): Promise<boolean>;
  /** Disables or enables a user; false when there is no such user. */
  setUserDisabled(username: string, disabled: boolean): Promise<boolean>;
  addToken(token: TokenRecord): Promise<void>;
  getToken(tokenId: string): Promise<TokenRecord | undefined>;
  /** Every token (of one user when given), oldest first. */
  listTokens(username?: string): Promise<readonly TokenRecord[]>;
  /** Removes a token; false when there is no such token. */
  deleteToken(tokenId: string): Promise<boolean>;
  /**
   * A number that changes whenever a user or a token is changed or removed, by any process
   * sharing the store: what an authenticator cached is trusted only while it is the same.
   */
  accountGeneration(): Promise<number>;
  /**
   * Records a marking definition known to the node (any collection, or created locally), with
   * who made it known. The first definition of an id wins: marking definitions cannot be
   * versioned (STIX 2.1 section 7.2.1), so a later object reusing the id must not change who may
   * see what. Resolves to the definition the node now holds for the id (the first one).
   */
  putMarkingDefinition(id: string, json: string, source: DefinitionSource): Promise<MarkingDefinitionRecord>;
  /** Every known definition by id; the same map while none is added (callers may cache on it). */
  listMarkingDefinitions(): Promise<ReadonlyMap<string, MarkingDefinitionRecord>>;
}
