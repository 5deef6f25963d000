/**
 * The PostgreSQL backend of the Store contract (driver `pg`, one pool per store). Several
 * processes may share one database: writers of a collection take turns on its clock row, so
 * date_added rises in commit order; generations are bumped by triggers in the writing
 * transaction; the schema is created and migrated under an advisory lock.
 */
import type pg from 'pg';
import { nowMicros } from '../../stix/index.js';
import type { Organization, TokenRecord, UserRecord } from '../accounts.js';
import type { AuditEvent, AuditPage, AuditQuery, Disclosure, RecentAuditQuery } from '../audit.js';
import type { BackupReport } from '../backups.js';
import { CursorCodec } from '../cursor.js';
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
import { dumpDatabase } from './backup-file.js';
import { CollectionTable } from './collection-table.js';
import { LeaseTable } from './lease-table.js';
import { migrate } from './migrations.js';
import { PeerTables } from './peer-tables.js';
import { openPool, translate } from './pool.js';
import { RemovalTables } from './removal-tables.js';
import { RowMetaDictionary } from './row-meta.js';
import { SearchTable } from './search-table.js';
import { SessionTable } from './session-table.js';
import { StatisticsKeeper } from './statistics-keeper.js';
import { StatusTable } from './status-table.js';
import { VersionReader } from './version-reader.js';
import { VersionWriter } from './version-writer.js';

/** Options of a PostgresStore. */
export interface PostgresStoreOptions {
  /** `postgres://USER@HOST:PORT/DB` (the database exists; the schema is created on first use). */
  readonly url: string;
  /** The key that seals peer passwords (kept outside the database; see open-store.ts for the default). */
  readonly secretKey: SecretKeySource;
  /** Most connections this process opens (default 10). */
  readonly maxConnections?: number;
  /** The server clock for date_added (µs); tests may pass their own. */
  readonly clock?: () => Micros;
}

interface Parts {
  readonly pool: pg.Pool;
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
  readonly statistics: StatisticsKeeper;
  readonly search: SearchTable;
  readonly secrets: SecretBox;
}

/** A Store on one PostgreSQL database. Call `init()` before anything else. */
export class PostgresStore implements Store {
  readonly #options: PostgresStoreOptions;
  #parts: Parts | undefined;
  #closed = false;

  constructor(options: PostgresStoreOptions) {
    this.#options = options;
  }

  async #with<R>(fn: (p: Parts) => Promise<R> | R): Promise<R> {
    if (this.#closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
    if (this.#parts === undefined)
      throw new StoreError('STORE_CLOSED', 'the store is not initialised (call init())');
    try {
      return await fn(this.#parts);
    } catch (error) {
      throw translate(error);
    }
  }

  async init(): Promise<void> {
    if (this.#closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
    if (this.#parts !== undefined) return;
    const { url, clock = nowMicros } = this.#options;
    const pool = openPool({
      connectionString: url,
      ...(this.#options.maxConnections === undefined ? {} : { max: this.#options.maxConnections }),
    });
    try {
      await migrate(pool);
      // The node's cursor key: cursors stay valid on every process and across restarts.
      const key = await pool.query<{ value: Buffer }>(
        "SELECT value FROM node_settings WHERE name = 'cursor_key'",
      );
      const cursors = new CursorCodec(key.rows[0]?.value ?? Buffer.alloc(0));
      const dictionary = new RowMetaDictionary(pool);
      const secrets = new SecretBox(this.#options.secretKey);
      const statistics = new StatisticsKeeper(pool);
      await statistics.start();
      this.#parts = {
        pool,
        secrets,
        collections: new CollectionTable(pool),
        writer: new VersionWriter(pool, dictionary, clock),
        reader: new VersionReader(pool, dictionary, cursors),
        accounts: new AccountTables(pool),
        peers: new PeerTables(pool, secrets),
        statuses: new StatusTable(pool),
        audit: new AuditTable(pool),
        removals: new RemovalTables(pool),
        sessions: new SessionTable(pool),
        leases: new LeaseTable(pool),
        statistics,
        search: new SearchTable(pool),
      };
    } catch (error) {
      await pool.end().catch(() => {});
      throw translate(error);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const parts = this.#parts;
    this.#parts = undefined;
    await parts?.statistics.settle();
    await parts?.pool.end();
  }

  addCollection(collection: CollectionRecord): Promise<void> {
    return this.#with((p) => p.collections.add(collection));
  }

  getCollection(id: string): Promise<CollectionRecord | undefined> {
    return this.#with((p) => p.collections.get(id));
  }

  listCollections(): Promise<readonly CollectionRecord[]> {
    return this.#with((p) => p.collections.list());
  }

  setCollectionAccess(id: string, access: CollectionAccessLists): Promise<boolean> {
    return this.#with((p) => p.collections.setAccess(id, access));
  }

  countVersions(): Promise<number> {
    return this.#with((p) => p.collections.countVersions());
  }

  addVersions(collectionId: string, versions: readonly NewVersion[]): Promise<readonly AddOutcome[]> {
    return this.#with(async (p) => {
      const outcomes = await p.writer.addVersions(collectionId, versions);
      p.statistics.noteWritten(versions.length);
      return outcomes;
    });
  }

  addReleaseEntry(seq: number, releaseAt: Micros): Promise<void> {
    return this.#with((p) => p.writer.addReleaseEntry(seq, releaseAt));
  }

  findByMarking(markingId: string): Promise<readonly StoredObject[]> {
    return this.#with((p) => p.reader.byMarking(markingId));
  }

  queryObjects<T>(
    query: ObjectQuery,
    view: View<T>,
    classOf?: (facts: MarkingFacts) => RowClass,
  ): Promise<Page<T>> {
    return this.#with((p) => p.reader.query(query, view, classOf));
  }

  queryObjectsBody<T>(query: ObjectQuery, view: BodyView<T>): Promise<BodyPage<T>> {
    return this.#with((p) => p.reader.body(query, view));
  }

  getVersions(collectionId: string, id: string): Promise<readonly StoredObject[]> {
    return this.#with((p) => p.reader.versions(collectionId, id));
  }

  getOwners(collectionId: string, ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return this.#with((p) => p.reader.owners(collectionId, ids));
  }

  deleteObject(collectionId: string, id: string, versions?: readonly string[]): Promise<number> {
    return this.#with((p) => p.writer.deleteObject(collectionId, id, versions));
  }

  putStatus(status: StatusRecord): Promise<void> {
    return this.#with((p) => p.statuses.put(status));
  }

  getStatus(id: string): Promise<StatusRecord | undefined> {
    return this.#with((p) => p.statuses.get(id));
  }

  appendAudit(events: AuditEvent | readonly AuditEvent[]): Promise<void> {
    return this.#with((p) => p.audit.appendAll(Array.isArray(events) ? events : [events as AuditEvent]));
  }

  appendDisclosure(disclosure: Disclosure): Promise<void> {
    return this.#with((p) => p.audit.appendDisclosure(disclosure));
  }

  appendAuditOnce(event: AuditEvent): Promise<boolean> {
    return this.#with((p) => p.audit.appendOnce(event));
  }

  listAudit(query: AuditQuery): Promise<readonly AuditEvent[]> {
    return this.#with((p) => p.audit.list(query));
  }

  addOrganization(org: Organization): Promise<void> {
    return this.#with((p) => p.accounts.addOrganization(org));
  }

  getOrganization(id: string): Promise<Organization | undefined> {
    return this.#with((p) => p.accounts.getOrganization(id));
  }

  listOrganizations(): Promise<readonly Organization[]> {
    return this.#with((p) => p.accounts.listOrganizations());
  }

  addUser(user: UserRecord): Promise<void> {
    return this.#with((p) => p.accounts.addUser(user));
  }

  getUser(username: string): Promise<UserRecord | undefined> {
    return this.#with((p) => p.accounts.getUser(username));
  }

  listUsers(orgId?: string): Promise<readonly UserRecord[]> {
    return this.#with((p) => p.accounts.listUsers(orgId));
  }

  setPasswordHash(username: string, passwordHash: string): Promise<boolean> {
    return this.#with((p) => p.accounts.setPasswordHash(username, passwordHash));
  }

  setUserDisabled(username: string, disabled: boolean): Promise<boolean> {
    return this.#with((p) => p.accounts.setUserDisabled(username, disabled));
  }

  addToken(token: TokenRecord): Promise<void> {
    return this.#with((p) => p.accounts.addToken(token));
  }

  getToken(tokenId: string): Promise<TokenRecord | undefined> {
    return this.#with((p) => p.accounts.getToken(tokenId));
  }

  listTokens(username?: string): Promise<readonly TokenRecord[]> {
    return this.#with((p) => p.accounts.listTokens(username));
  }

  deleteToken(tokenId: string): Promise<boolean> {
    return this.#with((p) => p.accounts.deleteToken(tokenId));
  }

  generation(topic: GenerationTopic): Promise<number> {
    return this.#with((p) => p.accounts.generation(topic));
  }

  putMarkingDefinition(id: string, json: string, source: DefinitionSource): Promise<MarkingDefinitionRecord> {
    return this.#with((p) => p.accounts.putMarkingDefinition(id, json, source));
  }

  listMarkingDefinitions(): Promise<ReadonlyMap<string, MarkingDefinitionRecord>> {
    return this.#with((p) => p.accounts.listMarkingDefinitions());
  }

  putPeer(peer: PeerRecord): Promise<void> {
    return this.#with((p) => p.peers.putPeer(peer));
  }

  getPeer(name: string): Promise<PeerRecord | undefined> {
    return this.#with((p) => p.peers.getPeer(name));
  }

  listPeers(): Promise<readonly PeerRecord[]> {
    return this.#with((p) => p.peers.listPeers());
  }

  getPeerState(name: string): Promise<PeerState | undefined> {
    return this.#with((p) => p.peers.getPeerState(name));
  }

  putPeerState(state: PeerState): Promise<void> {
    return this.#with((p) => p.peers.putPeerState(state));
  }

  deletePeer(name: string): Promise<boolean> {
    return this.#with((p) => p.peers.deletePeer(name));
  }

  /**
   * SecretBox.rotate reseals synchronously, and a PostgreSQL write is not: the rotation runs
   * twice. The first pass writes `<key>.next` and computes the resealed values, then stops
   * before the rename; they are committed; the second pass finds `.next`, reseals nothing
   * and renames it. A crash in between leaves both key files, and both keys are tried.
   */
  rotateSecretKey(): Promise<SecretKeyRotation> {
    return this.#with(async (p) => {
      const stop = new Error('stop before the rename');
      const resealed = await p.peers.resealAll((reseal) => {
        try {
          p.secrets.rotate((seal, open) => {
            reseal(seal, open);
            throw stop;
          });
        } catch (error) {
          if (error !== stop) throw error;
        }
      });
      const fingerprint = p.secrets.rotate(() => {});
      return { fingerprint, resealed, keyFile: p.secrets.origin };
    });
  }

  backupTo(file: string): Promise<BackupReport> {
    return this.#with(() => dumpDatabase(this.#options.url, file));
  }

  organizationReferences(id: string): Promise<OrganizationReferences | undefined> {
    return this.#with((p) => p.removals.organizationReferences(id));
  }

  removeOrganization(id: string, mode: RemovalMode): Promise<boolean> {
    return this.#with((p) => p.removals.removeOrganization(id, mode));
  }

  removeUser(username: string): Promise<boolean> {
    return this.#with((p) => p.removals.removeUser(username));
  }

  collectionReferences(id: string): Promise<CollectionReferences | undefined> {
    return this.#with((p) => p.removals.collectionReferences(id));
  }

  removeCollection(id: string, mode: RemovalMode): Promise<boolean> {
    return this.#with((p) => p.removals.removeCollection(id, mode));
  }

  listRecentAudit(query: RecentAuditQuery): Promise<AuditPage> {
    return this.#with((p) => p.audit.recent(query));
  }

  addSession(session: SessionRecord): Promise<void> {
    return this.#with((p) => p.sessions.add(session));
  }

  getSession(idHash: string): Promise<SessionRecord | undefined> {
    return this.#with((p) => p.sessions.get(idHash));
  }

  touchSession(idHash: string, lastSeenAt: Micros): Promise<void> {
    return this.#with((p) => p.sessions.touch(idHash, lastSeenAt));
  }

  deleteSession(idHash: string): Promise<boolean> {
    return this.#with((p) => p.sessions.delete(idHash));
  }

  deleteUserSessions(username: string): Promise<number> {
    return this.#with((p) => p.sessions.deleteUser(username));
  }

  deleteExpiredSessions(now: Micros, idleBefore: Micros): Promise<number> {
    return this.#with((p) => p.sessions.deleteExpired(now, idleBefore));
  }

  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.#with((p) => p.leases.acquire(name, holder, ttlMs));
  }

  releaseLease(name: string, holder: string): Promise<void> {
    return this.#with((p) => p.leases.release(name, holder));
  }

  searchTerms(query: SearchQuery): Promise<readonly SearchHit[]> {
    return this.#with((p) => p.search.search(query));
  }

  lookupTerms(terms: readonly string[], perTerm: number): Promise<readonly SearchHit[]> {
    return this.#with((p) => p.search.lookup(terms, perTerm));
  }

  referencesTo(id: string, limit: number): Promise<readonly SearchHit[]> {
    return this.#with((p) => p.search.referencesTo(id, limit));
  }
}
