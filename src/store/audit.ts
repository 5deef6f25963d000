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
  /** Only events naming this object (any version): who read it, who was sent it. */
  readonly objectId?: string;
  readonly limit?: number;
}

/** A page of the audit log, newest first (`GET /api/audit`). */
export interface RecentAuditQuery {
  readonly orgId?: string;
  /** The `next` of the previous page. */
  readonly before?: string;
  /** Audit records per page (a record disclosing a page of objects lists one event per object). */
  readonly limit: number;
}

/** Events newest first, and where the next page starts (absent: no more). */
export interface AuditPage {
  readonly events: readonly AuditEvent[];
  readonly next?: string;
}

/** The append-only audit log. */
export interface AuditStore {
  /**
   * Appends to the audit log (several events in one transaction); it is never updated or deleted.
   * A batch of disclosure records only (`read`, `send`) is committed like PostgreSQL's
   * `synchronous_commit = off`: it survives a crash of the process but not a power loss, so that
   * an audited page read costs no wait for the disk; any other batch is synced before resolving.
   */
  appendAudit(events: AuditEvent | readonly AuditEvent[]): Promise<void>;
  /**
   * Appends one decision (an event naming an object) unless the log already holds an event of
   * the same action, object id and object version; checked and appended in one write
   * transaction, so that processes sharing the store that decide the same thing at once record
   * it once (issue 18). Synced before resolving. True when this call appended it.
   */
  appendAuditOnce(event: AuditEvent): Promise<boolean>;
  /**
   * Appends one response's disclosures, committed like a batch of disclosure events. The log
   * keeps naming the versions (id, version) after they are deleted; a seq is never reused.
   */
  appendDisclosure(disclosure: Disclosure): Promise<void>;
  listAudit(query: AuditQuery): Promise<readonly AuditEvent[]>;
  /** The newest events first, a page of records at a time; `before` is opaque (STORE_BAD_CURSOR when malformed). */
  listRecentAudit(query: RecentAuditQuery): Promise<AuditPage>;
}
