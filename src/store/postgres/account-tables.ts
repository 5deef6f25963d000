/** Organisations, users, tokens and marking definitions on PostgreSQL (hashes only, never secrets). */
import type pg from 'pg';
import type { Organization, TokenRecord, UserRecord } from '../accounts.js';
import type { DefinitionSource, MarkingDefinitionRecord } from '../markings.js';
import type { GenerationTopic } from '../store.js';
import { StoreError } from '../store-error.js';
import { insertUnique } from './pool.js';

type DefinitionRow = {
  json: string;
  source_kind: string;
  producer_org: string | null;
  origin: string | null;
};

function recordOf(row: DefinitionRow): MarkingDefinitionRecord {
  const source: DefinitionSource =
    row.source_kind === 'version' && row.producer_org !== null && row.origin !== null
      ? { kind: 'version', producerOrg: row.producer_org, origin: row.origin }
      : { kind: 'node' };
  return { json: row.json, source };
}

const USER_COLUMNS = 'username, org_id AS "orgId", role, password_hash AS "passwordHash", disabled';
const TOKEN_COLUMNS =
  'token_id AS "tokenId", username, secret_hash AS "secretHash", created_at AS "createdAt", expires_at AS "expiresAt"';
const ORG_COLUMNS = 'id, name, identity_id AS "identityId"';

type TokenRow = Omit<TokenRecord, 'expiresAt'> & { expiresAt: string | null };

function toToken({ expiresAt, ...rest }: TokenRow): TokenRecord {
  return expiresAt === null ? rest : { ...rest, expiresAt };
}

/** Statements over the account tables. */
export class AccountTables {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async #rows<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    return (await this.#pool.query<R>(text, values)).rows;
  }

  async #changed(text: string, values: unknown[]): Promise<boolean> {
    return ((await this.#pool.query(text, values)).rowCount ?? 0) > 0;
  }

  addOrganization(org: Organization): Promise<void> {
    return insertUnique(`organisation ${JSON.stringify(org.id)}`, () =>
      this.#pool.query('INSERT INTO organizations (id, name, identity_id) VALUES ($1, $2, $3)', [
        org.id,
        org.name,
        org.identityId,
      ]),
    );
  }

  async getOrganization(id: string): Promise<Organization | undefined> {
    return (
      await this.#rows<Organization>(`SELECT ${ORG_COLUMNS} FROM organizations WHERE id = $1`, [id])
    )[0];
  }

  listOrganizations(): Promise<Organization[]> {
    return this.#rows<Organization>(`SELECT ${ORG_COLUMNS} FROM organizations ORDER BY id`);
  }

  async addUser(user: UserRecord): Promise<void> {
    if ((await this.getOrganization(user.orgId)) === undefined) {
      throw new StoreError(
        'STORE_UNKNOWN_ORGANIZATION',
        `unknown organisation ${JSON.stringify(user.orgId)}`,
      );
    }
    await insertUnique(`user ${JSON.stringify(user.username)}`, () =>
      this.#pool.query(
        'INSERT INTO users (username, org_id, role, password_hash, disabled) VALUES ($1, $2, $3, $4, $5)',
        [user.username, user.orgId, user.role, user.passwordHash, user.disabled === true],
      ),
    );
  }

  async getUser(username: string): Promise<UserRecord | undefined> {
    return (
      await this.#rows<UserRecord>(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [username])
    )[0];
  }

  listUsers(orgId?: string): Promise<UserRecord[]> {
    return orgId === undefined
      ? this.#rows<UserRecord>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`)
      : this.#rows<UserRecord>(`SELECT ${USER_COLUMNS} FROM users WHERE org_id = $1 ORDER BY username`, [
          orgId,
        ]);
  }

  setPasswordHash(username: string, passwordHash: string): Promise<boolean> {
    return this.#changed('UPDATE users SET password_hash = $1 WHERE username = $2', [passwordHash, username]);
  }

  setUserDisabled(username: string, disabled: boolean): Promise<boolean> {
    return this.#changed('UPDATE users SET disabled = $1 WHERE username = $2', [disabled, username]);
  }

  async addToken(token: TokenRecord): Promise<void> {
    if ((await this.getUser(token.username)) === undefined) {
      throw new StoreError('STORE_UNKNOWN_USER', `unknown user ${JSON.stringify(token.username)}`);
    }
    await insertUnique(`token ${JSON.stringify(token.tokenId)}`, () =>
      this.#pool.query(
        'INSERT INTO tokens (token_id, username, secret_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [token.tokenId, token.username, token.secretHash, token.createdAt, token.expiresAt ?? null],
      ),
    );
  }

  async getToken(tokenId: string): Promise<TokenRecord | undefined> {
    const row = (
      await this.#rows<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE token_id = $1`, [tokenId])
    )[0];
    return row === undefined ? undefined : toToken(row);
  }

  async listTokens(username?: string): Promise<TokenRecord[]> {
    const rows =
      username === undefined
        ? await this.#rows<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens ORDER BY created_at, token_id`)
        : await this.#rows<TokenRow>(
            `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE username = $1 ORDER BY created_at, token_id`,
            [username],
          );
    return rows.map(toToken);
  }

  deleteToken(tokenId: string): Promise<boolean> {
    return this.#changed('DELETE FROM tokens WHERE token_id = $1', [tokenId]);
  }

  /** A topic's generation (bumped by triggers in the writing transaction): one indexed read. */
  async generation(topic: GenerationTopic): Promise<number> {
    const rows = await this.#rows<{ value: number }>('SELECT value FROM generations WHERE topic = $1', [
      topic,
    ]);
    return rows[0]?.value ?? 0;
  }

  /** Stores a definition unless its id is known; returns the one the node holds for the id. */
  async putMarkingDefinition(
    id: string,
    json: string,
    source: DefinitionSource,
  ): Promise<MarkingDefinitionRecord> {
    const [producer, origin] = source.kind === 'version' ? [source.producerOrg, source.origin] : [null, null];
    await this.#pool.query(
      'INSERT INTO marking_definitions (id, json, source_kind, producer_org, origin) VALUES ($1, $2, $3, $4, $5)' +
        ' ON CONFLICT (id) DO NOTHING',
      [id, json, source.kind, producer, origin],
    );
    const rows = await this.#rows<DefinitionRow>(
      'SELECT json, source_kind, producer_org, origin FROM marking_definitions WHERE id = $1',
      [id],
    );
    return recordOf(rows[0] as DefinitionRow);
  }

  /** Every marking definition by id. */
  async listMarkingDefinitions(): Promise<ReadonlyMap<string, MarkingDefinitionRecord>> {
    const rows = await this.#rows<DefinitionRow & { id: string }>(
      'SELECT id, json, source_kind, producer_org, origin FROM marking_definitions ORDER BY id',
    );
    return new Map(rows.map((row) => [row.id, recordOf(row)]));
  }
}
