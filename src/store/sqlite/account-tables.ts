/** Organisations, users, tokens and marking definitions (hashes only, never secrets). */
import type Database from 'better-sqlite3';
import type { Organization, Role, TokenRecord, UserRecord } from '../accounts.js';
import { StoreError } from '../store-error.js';
import { insertUnique } from './unique-insert.js';

/** Prepared statements over the account tables. */
export class AccountTables {
  #markings: { readonly generation: number | null; readonly map: ReadonlyMap<string, string> } | undefined;
  #orgs: { readonly generation: number | null; readonly orgs: readonly Organization[] } | undefined;
  readonly #s;

  constructor(db: Database.Database) {
    this.#s = {
      addOrg: db.prepare('INSERT INTO organizations (id, name, identity_id) VALUES (?, ?, ?)'),
      getOrg: db.prepare('SELECT id, name, identity_id AS identityId FROM organizations WHERE id = ?'),
      listOrgs: db.prepare('SELECT id, name, identity_id AS identityId FROM organizations ORDER BY id'),
      addUser: db.prepare('INSERT INTO users (username, org_id, role, password_hash) VALUES (?, ?, ?, ?)'),
      getUser: db.prepare(
        'SELECT username, org_id AS orgId, role, password_hash AS passwordHash FROM users WHERE username = ?',
      ),
      addToken: db.prepare(
        'INSERT INTO tokens (token_id, username, secret_hash, created_at) VALUES (?, ?, ?, ?)',
      ),
      getToken: db.prepare(
        'SELECT token_id AS tokenId, username, secret_hash AS secretHash, created_at AS createdAt' +
          ' FROM tokens WHERE token_id = ?',
      ),
      putMarking: db.prepare(
        'INSERT INTO marking_definitions (id, json) VALUES (?, ?) ON CONFLICT (id) DO NOTHING',
      ),
      listMarkings: db.prepare('SELECT id, json FROM marking_definitions ORDER BY id').raw(),
      // Both tables only grow (no statement updates or deletes their rows, and a rolled-back
      // row was never read), so the largest rowid names their content as of a read.
      markingsGeneration: db.prepare('SELECT max(rowid) FROM marking_definitions').pluck(),
      orgsGeneration: db.prepare('SELECT max(rowid) FROM organizations').pluck(),
    };
  }

  addOrganization(org: Organization): void {
    insertUnique(`organisation ${JSON.stringify(org.id)}`, () =>
      this.#s.addOrg.run(org.id, org.name, org.identityId),
    );
  }

  getOrganization(id: string): Organization | undefined {
    return this.#s.getOrg.get(id) as Organization | undefined;
  }

  /** Every organisation; the same array while none is added (reads per request stay O(1)). */
  listOrganizations(): readonly Organization[] {
    const generation = this.#s.orgsGeneration.get() as number | null;
    if (this.#orgs?.generation !== generation) {
      this.#orgs = { generation, orgs: Object.freeze(this.#s.listOrgs.all() as Organization[]) };
    }
    return this.#orgs.orgs;
  }

  addUser(user: UserRecord): void {
    if (this.getOrganization(user.orgId) === undefined) {
      throw new StoreError(
        'STORE_UNKNOWN_ORGANIZATION',
        `unknown organisation ${JSON.stringify(user.orgId)}`,
      );
    }
    insertUnique(`user ${JSON.stringify(user.username)}`, () =>
      this.#s.addUser.run(user.username, user.orgId, user.role, user.passwordHash),
    );
  }

  getUser(username: string): UserRecord | undefined {
    return this.#s.getUser.get(username) as (UserRecord & { role: Role }) | undefined;
  }

  addToken(token: TokenRecord): void {
    if (this.getUser(token.username) === undefined) {
      throw new StoreError('STORE_UNKNOWN_USER', `unknown user ${JSON.stringify(token.username)}`);
    }
    insertUnique(`token ${JSON.stringify(token.tokenId)}`, () =>
      this.#s.addToken.run(token.tokenId, token.username, token.secretHash, token.createdAt),
    );
  }

  getToken(tokenId: string): TokenRecord | undefined {
    return this.#s.getToken.get(tokenId) as TokenRecord | undefined;
  }

  putMarkingDefinition(id: string, json: string): void {
    this.#s.putMarking.run(id, json);
  }

  /**
   * Every marking definition's JSON by id; the same map while none is added, so that a policy
   * may keep what it derived from it by identity (a request then costs one rowid lookup, not a
   * read of every definition).
   */
  listMarkingDefinitions(): ReadonlyMap<string, string> {
    const generation = this.#s.markingsGeneration.get() as number | null;
    if (this.#markings?.generation !== generation) {
      this.#markings = { generation, map: new Map(this.#s.listMarkings.all() as [string, string][]) };
    }
    return this.#markings.map;
  }
}
