/** The append-only audit log: reads and receipts of restricted versions, and administrative changes. */

/** One audit entry. `at` is a STIX timestamp (UTC). */
export interface AuditEvent {
  readonly at: string;
  /** `read` (served to a user), `send` (pushed to a peer), or an administrative action such as `org.add`. */
  readonly action: string;
  /** Organisation slug of the actor or recipient. */
  readonly orgId: string;
  readonly username?: string;
  /** Object id and version, for reads and sends. */
  readonly objectId?: string;
  readonly objectVersion?: string;
  /** TLP or other restrictive marking that made the read worth recording. */
  readonly marking?: string;
  readonly detail?: string;
}

/**
 * The versions one response disclosed to one organisation, named by their store seq: listed
 * back as one AuditEvent per version (objectId, objectVersion, marking), in this order.
 */
export interface Disclosure {
  readonly at: string;
  /** `read` or `send`. */
  readonly action: string;
  readonly orgId: string;
  readonly username?: string;
  /** Seqs of the disclosed versions (StoredObject.seq). */
  readonly seqs: readonly number[];
  /** The marking of each version, same order and length as `seqs`. */
  readonly markings: readonly string[];
}

/** Filters for reading the audit log, oldest first. */
export interface AuditQuery {
  readonly since?: string;
  readonly orgId?: string;
  readonly limit?: number;
}
