/**
 * The use cases behind the TAXII endpoints, for one node: authentication, collections, reads
 * through policy, ingest with status resources, deletion. Built once by the composition root
 * from an options object; it holds no HTTP knowledge.
 */
import { randomUUID } from 'node:crypto';
import { may, type PolicyContexts, planFor } from '../../policy/index.js';
import type { ChangeBus } from '../../scale/index.js';
import { type DuplicateKey, formatMicros, type MicrosClock, nowMicros } from '../../stix/index.js';
import type { BodyPage, Page, StatusRecord, Store } from '../../store/index.js';
import { Authenticator, type AuthenticatorOptions } from '../accounts/authenticator.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import { envelopeItems, ingestBatch } from '../ingest/ingest-batch.js';
import { sourceOfCaller } from '../ingest/source-of-caller.js';
import {
  accessOf,
  type CollectionAccess,
  usableCollection,
  visibleCollection,
} from '../query/collection-access.js';
import { definitionEntry } from '../query/definition-lookup.js';
import {
  type ObjectFilters,
  readVisible,
  readVisibleBody,
  type VisibleEntry,
} from '../query/query-objects.js';
import { actorOf, readerOf } from '../query/reader-of.js';
import { type SessionLifetimes, WebSessions } from '../web/web-sessions.js';
import { type NodeServices, nodeServices } from './node-services.js';

/** Options of a node. */
export interface AccordNodeOptions {
  readonly store: Store;
  /** The node's policy contexts, to share them with its other users (default: its own). */
  readonly policy?: PolicyContexts;
  /** The node's clock in µs since the epoch (default: wall clock). */
  readonly now?: MicrosClock;
  readonly auth?: Omit<AuthenticatorOptions, 'store'>;
  /** Lifetimes of web console sessions (defaults in web-sessions.ts). */
  readonly sessions?: Partial<SessionLifetimes>;
  readonly slowQueryMs?: number;
  readonly onSlowQuery?: (ms: number, detail: Readonly<Record<string, unknown>>) => void;
  /**
   * The bus to the node's other processes (issue 18): commits are announced on it, and the
   * login throttle counts what the others saw (ADR 0014). Default: none (one process).
   */
  readonly bus?: ChangeBus;
}

/** The node's use cases for remote callers (TAXII server, web API). */
export class AccordNode {
  readonly #store: Store;
  readonly #now: MicrosClock;
  readonly #auth: Authenticator;
  readonly #options: AccordNodeOptions;
  readonly #node: NodeServices;
  readonly #sessions: WebSessions;

  constructor(options: AccordNodeOptions) {
    this.#options = options;
    this.#store = options.store;
    // The store's clock, so that a read right after a commit sees what was just added.
    this.#now = options.now ?? nowMicros;
    this.#node = nodeServices(options.store, {
      now: this.#now,
      ...(options.policy === undefined ? {} : { policy: options.policy }),
    });
    const bus = options.bus;
    this.#auth = new Authenticator({
      store: options.store,
      ...options.auth,
      ...(bus === undefined
        ? {}
        : {
            onThrottleEvent: (outcome, user, address) => {
              options.auth?.onThrottleEvent?.(outcome, user, address);
              void bus.publish({ kind: 'login', outcome, user, address });
            },
          }),
    });
    bus?.subscribe((notice, source) => {
      if (notice.kind === 'login' && source === 'peer')
        this.#auth.countElsewhere(notice.outcome, notice.user, notice.address);
    });
    this.#sessions = new WebSessions(options.store, this.#auth, options.sessions, this.#now);
  }

  /** Web console sessions, signed in under the same accounts and login throttle. */
  get sessions(): WebSessions {
    return this.#sessions;
  }

  /** Tells the node's other processes that a collection's feed changed (after the commit). */
  #announce(collectionId: string): void {
    void this.#options.bus?.publish({ kind: 'objects', collectionId });
  }

  /** The node's services (store, policy contexts, clock), for use cases beside TAXII. */
  get services(): NodeServices {
    return this.#node;
  }

  /** The caller an Authorization header proves (HTTP Basic or Accord bearer token). */
  authenticate(authorization: string | undefined, ip: string): Promise<Caller> {
    return this.#auth.authenticate(authorization, ip);
  }

  /** Collections the caller may read or write; others are not listed. */
  async listCollections(caller: Caller): Promise<readonly CollectionAccess[]> {
    const all = await this.#store.listCollections();
    return all.map((c) => accessOf(caller, c)).filter((a) => a.canRead || a.canWrite);
  }

  /** One collection the caller may read or write. */
  getCollection(caller: Caller, collectionId: string): Promise<CollectionAccess> {
    return visibleCollection(this.#store, caller, collectionId);
  }

  /** What the caller may see of a readable collection; full objects are audited when restricted. */
  async queryObjects(
    caller: Caller,
    collectionId: string,
    filters: ObjectFilters,
    purpose: 'objects' | 'manifest',
  ): Promise<Page<VisibleEntry>> {
    await usableCollection(this.#store, caller, collectionId, { read: true });
    return readVisible(this.#readDeps(), caller, collectionId, filters, purpose === 'objects');
  }

  /**
   * The versions of one object (TAXII 2.1 section 5.6) the caller may see; for the id of a
   * marking definition the node keeps outside the collection, the definition itself when a
   * version the caller sees there uses it (see definitionEntry).
   */
  async getObject(
    caller: Caller,
    collectionId: string,
    objectId: string,
    filters: ObjectFilters,
  ): Promise<Page<VisibleEntry>> {
    await usableCollection(this.#store, caller, collectionId, { read: true });
    const deps = this.#readDeps();
    const page = await readVisible(deps, caller, collectionId, { ...filters, ids: [objectId] }, true);
    if (page.items.length > 0 || filters.cursor !== undefined || filters.addedAfter !== undefined)
      return page;
    const ctx = await this.#node.policy.at(this.#now());
    const entry = await definitionEntry(this.#store, planFor(readerOf(caller), ctx), collectionId, objectId);
    return entry === undefined ? page : { items: [entry], more: false };
  }

  /** The objects endpoint's page as one body of JSON texts (see readVisibleBody); reads are audited. */
  async queryObjectsBody(
    caller: Caller,
    collectionId: string,
    filters: ObjectFilters,
  ): Promise<BodyPage<VisibleEntry>> {
    await usableCollection(this.#store, caller, collectionId, { read: true });
    return readVisibleBody(this.#readDeps(), caller, collectionId, filters);
  }

  /** Validates and stores an envelope's objects; the status is complete once committed. */
  async addObjects(
    caller: Caller,
    collectionId: string,
    objects: readonly unknown[],
    duplicateKeys?: ReadonlyMap<number, DuplicateKey>,
  ): Promise<StatusRecord> {
    await usableCollection(this.#store, caller, collectionId, { write: true });
    const requestTimestamp = formatMicros(this.#now());
    const items = envelopeItems(objects, duplicateKeys);
    const report = await ingestBatch(
      this.#node,
      collectionId,
      items,
      await sourceOfCaller(this.#store, caller),
    );
    const status: StatusRecord = {
      id: randomUUID(),
      collectionId,
      status: 'complete',
      requestTimestamp,
      totalCount: objects.length,
      successes: report.successes,
      successSeqs: report.successSeqs,
      failures: report.failures.map((f) => ({ id: f.id, version: f.version, message: f.message })),
      pendings: [],
      ownerOrg: caller.orgId,
    };
    await this.#store.putStatus(status);
    if (report.added > 0) this.#announce(collectionId);
    return status;
  }

  /**
   * Deletes the selected versions of an object (TAXII 2.1 section 5.7): both can_read and
   * can_write are needed; only versions the caller sees, and of those only its own
   * organisation's unless it is an admin.
   */
  async deleteObject(
    caller: Caller,
    collectionId: string,
    objectId: string,
    filters: ObjectFilters,
  ): Promise<void> {
    await usableCollection(this.#store, caller, collectionId, { read: true, write: true });
    const rows = await this.#store.getVersions(collectionId, objectId);
    const visible = new Set<string>();
    let cursor = filters.cursor;
    for (;;) {
      const page = await readVisible(
        this.#readDeps(),
        caller,
        collectionId,
        {
          ...filters,
          ids: [objectId],
          versions: filters.versions ?? { kind: 'all' },
          limit: 1000,
          ...(cursor ? { cursor } : {}),
        },
        false,
      );
      for (const e of page.items) visible.add(e.version);
      if (!page.more || !page.next) break;
      cursor = page.next;
    }
    if (visible.size === 0) throw new CoreError('CORE_NOT_FOUND', `no object ${objectId} in this collection`);
    const actor = actorOf(caller);
    const mine = rows.filter((r) => visible.has(r.version) && may(actor, 'version.delete', r));
    if (mine.length < visible.size) {
      throw new CoreError('CORE_FORBIDDEN', 'only versions added by your organisation can be deleted');
    }
    await this.#store.deleteObject(collectionId, objectId, [...visible]);
    this.#announce(collectionId);
  }

  /** A status resource of the caller's organisation. */
  async getStatus(caller: Caller, statusId: string): Promise<StatusRecord> {
    const status = await this.#store.getStatus(statusId);
    if (!status || !may(actorOf(caller), 'status.read', status))
      throw new CoreError('CORE_NOT_FOUND', `no status ${statusId}`);
    return status;
  }

  #readDeps() {
    return {
      ...this.#node,
      ...(this.#options.slowQueryMs === undefined ? {} : { slowQueryMs: this.#options.slowQueryMs }),
      ...(this.#options.onSlowQuery ? { onSlowQuery: this.#options.onSlowQuery } : {}),
    };
  }
}
