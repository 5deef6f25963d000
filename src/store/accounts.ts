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

/** Organisations, users and tokens. */
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
}
