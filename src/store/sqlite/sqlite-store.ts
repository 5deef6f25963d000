/**
 * The SQLite backend of the Store contract (better-sqlite3, WAL, synchronous=FULL; disclosure
 * audit records and status resources commit with NORMAL, see unsynced-commit.ts). Calls run
 * synchronously on one connection, so writes in this process are serialised; other processes
 * (a CLI command beside `accord serve`) wait on the WAL write lock up to the busy timeout.
 * A file database is checkpointed by a worker thread (background-checkpoints.ts).
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { nowMicros } from '../../stix/index.js';
import type { Organization, TokenRecord, UserRecord } from '../accounts.js';
import type { AuditEvent, AuditPage, AuditQuery, Disclosure, RecentAuditQuery } from '../audit.js';
import type { BackupReport } from '../backups.js';
import type { DefinitionSource, MarkingDefinitionRecord } from '../markings.js';
import type {
  AddOutcome,
  BodyPage,
  BodyView,
  CollectionAccessLists,
  CollectionRecord,
  MarkingFacts,
  Micros,
  NewVersion,
  ObjectQuery,
  Page,
  RowClass,
  StoredObject,
  View,
} from '../objects.js';
import type { PeerRecord, PeerState, SecretKeyRotation } from '../peers.js';
import type { CollectionReferences, OrganizationReferences, RemovalMode } from '../removals.js';
import type { SearchHit, SearchQuery } from '../search.js';
import { SecretBox, type SecretKeySource } from '../secret-box.js';
import type { SessionRecord } from '../sessions.js';
import type { StatusRecord } from '../statuses.js';
import type { GenerationTopic, Store } from '../store.js';
import { StoreError } from '../store-error.js';
import { AccountTables } from './account-tables.js';
import { AuditTable } from './audit-table.js';
import { type BackgroundCheckpoints, startBackgroundCheckpoints } from './background-checkpoints.js';
import { backupDatabase } from './backup-file.js';
import { CollectionTable } from './collection-table.js';
import { openConnection } from './connection.js';
import { LeaseTable } from './lease-table.js';
import { migrate } from './migrations.js';
import { PeerTables } from './peer-tables.js';
import { RemovalTables } from './removal-tables.js';
import { RowMetaDictionary } from './row-meta.js';
import { SearchTable } from './search-table.js';
import { SessionTable } from './session-table.js';
import { StatusTable } from './status-table.js';
import { UnsyncedCommit } from './unsynced-commit.js';
import { VersionReader } from './version-reader.js';
import { VersionWriter } from './version-writer.js';

/** Options of a SqliteStore. */
export interface SqliteStoreOptions {
  /** Database file (created with its folder on first use), or `:memory:`. */
  readonly path: string;
  /** Wait for another process's write lock this long before failing with STORE_BUSY (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  /** The server clock for date_added (µs); tests may pass their own. */
  readonly clock?: () => Micros;
  /** Checkpoint the WAL on a worker thread rather than inside commits (default: for files, yes). */
  readonly backgroundCheckpoints?: boolean;
  /**
   * The key that seals peer passwords (default: the file `<path>.key`, created 0600 on first
   * use; for `:memory:`, a random key that lives as long as the store).
   */
  readonly secretKey?: SecretKeySource;
}

interface Parts {
  readonly db: Database.Database;
  readonly checkpoints: BackgroundCheckpoints | undefined;
  readonly collections: CollectionTable;
  readonly writer: VersionWriter;
  readonly reader: VersionReader;
  readonly accounts: AccountTables;
  readonly peers: PeerTables;
  readonly statuses: StatusTable;
  readonly audit: AuditTable;
  readonly removals: RemovalTables;
  readonly sessions: SessionTable;
  readonly leases: LeaseTable;
  readonly search: SearchTable;
  readonly secrets: SecretBox;
}

/** Maps engine failures to StoreErrors; StoreErrors pass through. */
function translate(error: unknown): unknown {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new StoreError('STORE_BUSY', `database is busy: ${message}`, { cause: error });
  }
  return new StoreError('STORE_BACKEND_FAILURE', `SQLite: ${message}`, { cause: error });
}

/** A Store on one SQLite file. Call `init()` before anything else. */
export class SqliteStore implements Store {
  readonly #options: SqliteStoreOptions;
  #parts: Parts | undefined;
  #closed = false;

  constructor(options: SqliteStoreOptions) {
    this.#options = options;
  }

  #with<R>(fn: (p: Parts) => R): R {
    if (this.#closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
    if (this.#parts === undefined)
      throw new StoreError('STORE_CLOSED', 'the store is not initialised (call init())');
    try {
      return fn(this.#parts);
    } catch (error) {
      throw translate(error);
    }
  }

  async init(): Promise<void> {
    if (this.#closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
    if (this.#parts !== undefined) return;
    const { path, busyTimeoutMs, clock = nowMicros } = this.#options;
    let db: Database.Database | undefined;
    try {
      db = openConnection({ path, ...(busyTimeoutMs === undefined ? {} : { busyTimeoutMs }) });
      const secrets = new SecretBox(
        this.#options.secretKey ??
          (path === ':memory:'
            ? { key: randomBytes(32), origin: 'an in-memory key' }
            : { file: `${path}.key` }),
      );
      migrate(db, undefined, { secrets });
      const dictionary = new RowMetaDictionary(db);
      const unsynced = new UnsyncedCommit(db);
      const tables = {
        collections: new CollectionTable(db),
        writer: new VersionWriter(db, dictionary, clock),
        reader: new VersionReader(db, dictionary),
        accounts: new AccountTables(db),
        peers: new PeerTables(db, secrets),
        statuses: new StatusTable(db, unsynced),
        audit: new AuditTable(db, unsynced),
        removals: new RemovalTables(db),
        sessions: new SessionTable(db),
        leases: new LeaseTable(db, clock),
        search: new SearchTable(db),
      };
      // Started last: nothing after it can fail and leave a worker holding the file open.
      const background = this.#options.backgroundCheckpoints ?? path !== ':memory:';
      this.#parts = {
        db,
        secrets,
        ...tables,
        checkpoints: background ? startBackgroundCheckpoints(db, path) : undefined,
      };
    } catch (error) {
      db?.close();
      throw translate(error);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#parts?.checkpoints?.stop();
    this.#parts?.db.close();
    this.#parts = undefined;
  }

  async addCollection(collection: CollectionRecord): Promise<void> {
    this.#with((p) => p.collections.add(collection));
  }

  async getCollection(id: string): Promise<CollectionRecord | undefined> {
    return this.#with((p) => p.collections.get(id));
  }

  async listCollections(): Promise<readonly CollectionRecord[]> {
    return this.#with((p) => p.collections.list());
  }

  async setCollectionAccess(id: string, access: CollectionAccessLists): Promise<boolean> {
    return this.#with((p) => p.collections.setAccess(id, access));
  }

  async countVersions(): Promise<number> {
    return this.#with((p) => p.collections.countVersions());
  }

  async addVersions(collectionId: string, versions: readonly NewVersion[]): Promise<readonly AddOutcome[]> {
    return this.#with((p) => p.writer.addVersions(collectionId, versions));
  }

  async addReleaseEntry(seq: number, releaseAt: Micros): Promise<void> {
    this.#with((p) => p.writer.addReleaseEntry(seq, releaseAt));
  }

  async findByMarking(markingId: string): Promise<readonly StoredObject[]> {
    return this.#with((p) => p.reader.byMarking(markingId));
  }

  async queryObjects<T>(
    query: ObjectQuery,
    view: View<T>,
    classOf?: (facts: MarkingFacts) => RowClass,
  ): Promise<Page<T>> {
    return this.#with((p) => p.reader.query(query, view, classOf));
  }

  async queryObjectsBody<T>(query: ObjectQuery, view: BodyView<T>): Promise<BodyPage<T>> {
    return this.#with((p) => p.reader.body(query, view));
  }

  async getVersions(collectionId: string, id: string): Promise<readonly StoredObject[]> {
    return this.#with((p) => p.reader.versions(collectionId, id));
  }

  async getOwners(collectionId: string, ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return this.#with((p) => p.reader.owners(collectionId, ids));
  }

  async deleteObject(collectionId: string, id: string, versions?: readonly string[]): Promise<number> {
    return this.#with((p) => p.writer.deleteObject(collectionId, id, versions));
  }

  async putStatus(status: StatusRecord): Promise<void> {
    this.#with((p) => p.statuses.put(status));
  }

  async getStatus(id: string): Promise<StatusRecord | undefined> {
    return this.#with((p) => p.statuses.get(id));
  }

  async appendAudit(events: AuditEvent | readonly AuditEvent[]): Promise<void> {
    this.#with((p) => p.audit.appendAll(Array.isArray(events) ? events : [events as AuditEvent]));
  }

  async appendAuditOnce(event: AuditEvent): Promise<boolean> {
    return this.#with((p) => p.audit.appendOnce(event));
  }

  async appendDisclosure(disclosure: Disclosure): Promise<void> {
    this.#with((p) => p.audit.appendDisclosure(disclosure));
  }

  async listAudit(query: AuditQuery): Promise<readonly AuditEvent[]> {
    return this.#with((p) => p.audit.list(query));
  }

  async listRecentAudit(query: RecentAuditQuery): Promise<AuditPage> {
    return this.#with((p) => p.audit.recent(query));
  }

  async addOrganization(org: Organization): Promise<void> {
    this.#with((p) => p.accounts.addOrganization(org));
  }

  async getOrganization(id: string): Promise<Organization | undefined> {
    return this.#with((p) => p.accounts.getOrganization(id));
  }

  async listOrganizations(): Promise<readonly Organization[]> {
    return this.#with((p) => p.accounts.listOrganizations());
  }

  async addUser(user: UserRecord): Promise<void> {
    this.#with((p) => p.accounts.addUser(user));
  }

  async getUser(username: string): Promise<UserRecord | undefined> {
    return this.#with((p) => p.accounts.getUser(username));
  }

  async listUsers(orgId?: string): Promise<readonly UserRecord[]> {
    return this.#with((p) => p.accounts.listUsers(orgId));
  }

  async setPasswordHash(username: string, passwordHash: string): Promise<boolean> {
    return this.#with((p) => p.accounts.setPasswordHash(username, passwordHash));
  }

  async setUserDisabled(username: string, disabled: boolean): Promise<boolean> {
    return this.#with((p) => p.accounts.setUserDisabled(username, disabled));
  }

  async listTokens(username?: string): Promise<readonly TokenRecord[]> {
    return this.#with((p) => p.accounts.listTokens(username));
  }

  async deleteToken(tokenId: string): Promise<boolean> {
    return this.#with((p) => p.accounts.deleteToken(tokenId));
  }

  async generation(topic: GenerationTopic): Promise<number> {
    return this.#with((p) => p.accounts.generation(topic));
  }

  async addToken(token: TokenRecord): Promise<void> {
    this.#with((p) => p.accounts.addToken(token));
  }

  async getToken(tokenId: string): Promise<TokenRecord | undefined> {
    return this.#with((p) => p.accounts.getToken(tokenId));
  }

  async putMarkingDefinition(
    id: string,
    json: string,
    source: DefinitionSource,
  ): Promise<MarkingDefinitionRecord> {
    return this.#with((p) => p.accounts.putMarkingDefinition(id, json, source));
  }

  async listMarkingDefinitions(): Promise<ReadonlyMap<string, MarkingDefinitionRecord>> {
    return this.#with((p) => p.accounts.listMarkingDefinitions());
  }

  async putPeer(peer: PeerRecord): Promise<void> {
    this.#with((p) => p.peers.putPeer(peer));
  }

  async getPeer(name: string): Promise<PeerRecord | undefined> {
    return this.#with((p) => p.peers.getPeer(name));
  }

  async listPeers(): Promise<readonly PeerRecord[]> {
    return this.#with((p) => p.peers.listPeers());
  }

  async getPeerState(name: string): Promise<PeerState | undefined> {
    return this.#with((p) => p.peers.getPeerState(name));
  }

  async rotateSecretKey(): Promise<SecretKeyRotation> {
    return this.#with((p) => {
      let resealed = 0;
      const fingerprint = p.secrets.rotate((seal, open) => {
        p.db
          .transaction(() => {
            resealed = p.peers.resealAll(seal, open);
          })
          .immediate();
      });
      return { fingerprint, resealed, keyFile: p.secrets.origin };
    });
  }

  async putPeerState(state: PeerState): Promise<void> {
    this.#with((p) => p.peers.putPeerState(state));
  }

  async backupTo(file: string): Promise<BackupReport> {
    const db = this.#with((p) => p.db);
    try {
      return await backupDatabase(db, file);
    } catch (error) {
      throw translate(error);
    }
  }

  async deletePeer(name: string): Promise<boolean> {
    return this.#with((p) => p.db.transaction(() => p.peers.deletePeer(name)).immediate());
  }

  async organizationReferences(id: string): Promise<OrganizationReferences | undefined> {
    return this.#with((p) => p.removals.organizationReferences(id));
  }

  async removeOrganization(id: string, mode: RemovalMode): Promise<boolean> {
    return this.#with((p) => p.removals.removeOrganization(id, mode));
  }

  async removeUser(username: string): Promise<boolean> {
    return this.#with((p) => p.removals.removeUser(username));
  }

  async collectionReferences(id: string): Promise<CollectionReferences | undefined> {
    return this.#with((p) => p.removals.collectionReferences(id));
  }

  async removeCollection(id: string, mode: RemovalMode): Promise<boolean> {
    return this.#with((p) => p.removals.removeCollection(id, mode));
  }

  async addSession(session: SessionRecord): Promise<void> {
    this.#with((p) => p.sessions.add(session));
  }

  async getSession(idHash: string): Promise<SessionRecord | undefined> {
    return this.#with((p) => p.sessions.get(idHash));
  }

  async touchSession(idHash: string, lastSeenAt: Micros): Promise<void> {
    this.#with((p) => p.sessions.touch(idHash, lastSeenAt));
  }

  async deleteSession(idHash: string): Promise<boolean> {
    return this.#with((p) => p.sessions.delete(idHash));
  }

  async deleteUserSessions(username: string): Promise<number> {
    return this.#with((p) => p.sessions.deleteUser(username));
  }

  async deleteExpiredSessions(now: Micros, idleBefore: Micros): Promise<number> {
    return this.#with((p) => p.sessions.deleteExpired(now, idleBefore));
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.#with((p) => p.leases.acquire(name, holder, ttlMs));
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.#with((p) => p.leases.release(name, holder));
  }

  async searchTerms(query: SearchQuery): Promise<readonly SearchHit[]> {
    return this.#with((p) => p.search.search(query));
  }

  async lookupTerms(terms: readonly string[], perTerm: number): Promise<readonly SearchHit[]> {
    return this.#with((p) => p.search.lookup(terms, perTerm));
  }

  async referencesTo(id: string, limit: number): Promise<readonly SearchHit[]> {
    return this.#with((p) => p.search.referencesTo(id, limit));
  }
}
