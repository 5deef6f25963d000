/** TAXII status resources as the store keeps them. */

/** A TAXII status resource (TAXII 2.1 section 4.3.1) as stored. */
export interface StatusRecord {
  readonly id: string;
  readonly collectionId: string;
  readonly status: 'pending' | 'complete';
  readonly requestTimestamp: string;
  readonly totalCount: number;
  readonly successes: readonly StatusDetail[];
  readonly failures: readonly StatusDetail[];
  readonly pendings: readonly StatusDetail[];
  /** Organisation whose request created it: only it may read the status. */
  readonly ownerOrg: string;
  /**
   * The stored version (seq) each success names, same order, when the caller knows them: a
   * store may then keep the successes by reference (a few bytes each) and give them back
   * from the versions, deleted ones included. Not returned by getStatus.
   */
  readonly successSeqs?: readonly number[];
}

/** One object's outcome within a status resource. */
export interface StatusDetail {
  readonly id: string;
  readonly version: string;
  readonly message?: string;
}

/** Status resources of POST requests. */
export interface StatusStore {
  /**
   * Stores a status resource. Committed without waiting for the disk (like disclosure records,
   * see AuditStore): it reports on versions addVersions has already committed and synced, so a
   * power failure can lose the report, never the objects.
   */
  putStatus(status: StatusRecord): Promise<void>;
  getStatus(id: string): Promise<StatusRecord | undefined>;
}
