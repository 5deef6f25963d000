/**
 * The storage contract every backend (sqlite/, postgres/) fulfils, in domain terms: small ports
 * by concern, which a backend implements together (one conformance suite checks them all).
 */
import type { AccountStore } from './accounts.js';
import type { AuditStore } from './audit.js';
import type { BackupStore } from './backups.js';
import type { LeaseStore } from './leases.js';
import type { MarkingStore } from './markings.js';
import type { ObjectStore } from './objects.js';
import type { PeerStore } from './peers.js';
import type { RemovalStore } from './removals.js';
import type { SearchStore } from './search.js';
import type { SessionStore } from './sessions.js';
import type { StatusStore } from './statuses.js';

/**
 * What a generation counts: `policy` changes whenever a marking definition or an organisation
 * is added or changed; `accounts` whenever a user or token is added, changed or removed.
 */
export type GenerationTopic = 'policy' | 'accounts';

/** The store of one Accord node. */
export interface Store
  extends ObjectStore,
    MarkingStore,
    AccountStore,
    PeerStore,
    StatusStore,
    AuditStore,
    BackupStore,
    RemovalStore,
    SessionStore,
    LeaseStore,
    SearchStore {
  /** Creates or migrates the schema (ordered, versioned migrations). */
  init(): Promise<void>;
  close(): Promise<void>;
  /**
   * A number that changes whenever what `topic` covers changes, in any process sharing the
   * store: callers keep what they derived from that data while it stays the same.
   */
  generation(topic: GenerationTopic): Promise<number>;
}
