/** Organisations, users, tokens and marking definitions (hashes only, never secrets). */
import type Database from 'better-sqlite3';
import type { Organization, TokenRecord, UserRecord } from '../accounts.js';
import type { DefinitionSource, MarkingDefinitionRecord } from '../markings.js';
import type { GenerationTopic } from '../store.js';
import { StoreError } from '../store-error.js';
import { insertUnique } from './unique-insert.js';

type DefinitionRow = [json: string, kind: string, producer: string | null, origin: string | null];

function recordOf([json, kind, producer, origin]: DefinitionRow): MarkingDefinitionRecord {
  const source: DefinitionSource =
    kind === 'version' && producer !== null && origin !== null
      ? { kind: 'version', producerOrg: producer, origin }
      : { kind: 'node' };
  return { json, source };
}

const USER_COLUMNS = 'username, org_id AS orgId, role, password_hash AS passwordHash, disabled';
const TOKEN_COLUMNS =
  'token_id AS tokenId, username, secret_hash AS secretHash, created_at AS createdAt, expires_at AS expiresAt';

type UserRow = Omit<UserRecord, 'disabled'> & { disabled: number };
type TokenRow = Omit<TokenRecord, 'expiresAt'> & { expiresAt: string | null };

function toUser(row: UserRow): UserRecord {
  return { ...row, disabled: row.disabled === 1 };
}

function toToken({ expiresAt, ...rest }: TokenRow): TokenRecord {
  return expiresAt === null ? rest : { ...rest, expiresAt };
}

/** Prepared statements over the account tables. */
export class AccountTables {
  readonly #s;

  constructor(db: Database.Database) {
    this.#s = {
      addOrg: db.prepare('INSERT INTO organizations (id, name, identity_id) VALUES (?, ?, ?)'),
      getOrg: db.prepare('SELECT id, name, identity_id AS identityId FROM organizations WHERE id = ?'),
      listOrgs: db.prepare('SELECT id, name, identity_id AS identityId FROM organizations ORDER BY id'),
      addUser: db.prepare(
        'INSERT INTO users (username, org_id, role, password_hash, disabled) VALUES (?, ?, ?, ?, ?)',
      ),
      getUser: db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE username = ?`),
      listUsers: db.prepare(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`),
      listOrgUsers: db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE org_id = ? ORDER BY username`),
      setPassword: db.prepare('UPDATE users SET password_hash = ? WHERE username = ?'),
      setDisabled: db.prepare('UPDATE users SET disabled = ? WHERE username = ?'),
      addToken: db.prepare(
        'INSERT INTO tokens (token_id, username, secret_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ),
      getToken: db.prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE token_id = ?`),
      listTokens: db.prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens ORDER BY created_at, token_id`),
      listUserTokens: db.prepare(
        `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE username = ? ORDER BY created_at, token_id`,
      ),
      deleteToken: db.prepare('DELETE FROM tokens WHERE token_id = ?'),
      generation: db.prepare('SELECT value FROM generations WHERE topic = ?').pluck(),
      putMarking: db.prepare(
        'INSERT INTO marking_definitions (id, json, source_kind, producer_org, origin) VALUES (?, ?, ?, ?, ?)' +
          ' ON CONFLICT (id) DO NOTHING',
      ),
      getMarking: db
        .prepare('SELECT json, source_kind, producer_org, origin FROM marking_definitions WHERE id = ?')
        .raw(),
      listMarkings: db
        .prepare('SELECT id, json, source_kind, producer_org, origin FROM marking_definitions ORDER BY id')
        .raw(),
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
    return this.#s.listOrgs.all() as Organization[];
  }

  addUser(user: UserRecord): void {
    if (this.getOrganization(user.orgId) === undefined) {
      throw new StoreError(
        'STORE_UNKNOWN_ORGANIZATION',
        `unknown organisation ${JSON.stringify(user.orgId)}`,
      );
    }
    insertUnique(`user ${JSON.stringify(user.username)}`, () =>
      this.#s.addUser.run(user.username, user.orgId, user.role, user.passwordHash, user.disabled ? 1 : 0),
    );
  }

  getUser(username: string): UserRecord | undefined {
    const row = this.#s.getUser.get(username) as UserRow | undefined;
    return row === undefined ? undefined : toUser(row);
  }

  listUsers(orgId?: string): UserRecord[] {
    const rows = (
      orgId === undefined ? this.#s.listUsers.all() : this.#s.listOrgUsers.all(orgId)
    ) as UserRow[];
    return rows.map(toUser);
  }

  setPasswordHash(username: string, passwordHash: string): boolean {
    return this.#s.setPassword.run(passwordHash, username).changes > 0;
  }

  setUserDisabled(username: string, disabled: boolean): boolean {
    return this.#s.setDisabled.run(disabled ? 1 : 0, username).changes > 0;
  }

  addToken(token: TokenRecord): void {
    if (this.getUser(token.username) === undefined) {
      throw new StoreError('STORE_UNKNOWN_USER', `unknown user ${JSON.stringify(token.username)}`);
    }
    insertUnique(`token ${JSON.stringify(token.tokenId)}`, () =>
      this.#s.addToken.run(
        token.tokenId,
        token.username,
        token.secretHash,
        token.createdAt,
        token.expiresAt ?? null,
      ),
    );
  }

  getToken(tokenId: string): TokenRecord | undefined {
    const row = this.#s.getToken.get(tokenId) as TokenRow | undefined;
    return row === undefined ? undefined : toToken(row);
  }

  listTokens(username?: string): TokenRecord[] {
    const rows = (
      username === undefined ? this.#s.listTokens.all() : this.#s.listUserTokens.all(username)
    ) as TokenRow[];
    return rows.map(toToken);
  }

  deleteToken(tokenId: string): boolean {
    return this.#s.deleteToken.run(tokenId).changes > 0;
  }

  /** A topic's generation (bumped by triggers, migration 12): one indexed read. */
  generation(topic: GenerationTopic): number {
    return this.#s.generation.get(topic) as number;
  }

  /** Stores a definition unless its id is known; returns the one the node holds for the id. */
  putMarkingDefinition(id: string, json: string, source: DefinitionSource): MarkingDefinitionRecord {
    const [producer, origin] = source.kind === 'version' ? [source.producerOrg, source.origin] : [null, null];
    this.#s.putMarking.run(id, json, source.kind, producer, origin);
    return recordOf(this.#s.getMarking.get(id) as DefinitionRow);
  }

  /** Every marking definition by id. */
  listMarkingDefinitions(): ReadonlyMap<string, MarkingDefinitionRecord> {
    const rows = this.#s.listMarkings.all() as [string, ...DefinitionRow][];
    return new Map(rows.map(([id, ...row]) => [id, recordOf(row)]));
  }
}
