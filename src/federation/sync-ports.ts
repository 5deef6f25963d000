/**
 * What federation/ needs from the node, passed in by core/ (which owns the ingest use case):
 * federation validates nothing itself and stores nothing but through `ingest`.
 */
import type { PolicyContexts } from '../policy/index.js';
import type { DuplicateKey, MicrosClock } from '../stix/index.js';
import type { TaxiiClientOptions } from '../taxii/client/index.js';

/**
 * Where received versions come from: the origin `peer:NAME`, and the organisations the peer may
 * speak for. Versions naming another organisation of this node are refused; versions naming
 * none are taken as the peer's own (`producerOrg`, its organisation).
 */
export interface SyncSource {
  readonly producerOrg: string;
  readonly origin: string;
  readonly speaksFor: readonly string[];
}

/**
 * Outcome of one received object, in input order: `accepted` (stored now as the first version
 * of its id, `new`, or as a later one, `updated`; or the exact same version was already there,
 * `unchanged`), `conflict` (the same id and version is stored with different content; the
 * stored copy is kept), or `rejected` (`invalid`, or `refused` by policy: provenance, ownership).
 */
export type IngestResult =
  | {
      readonly status: 'accepted';
      readonly id: string;
      readonly version: string;
      readonly change: 'new' | 'updated' | 'unchanged';
    }
  | { readonly status: 'conflict'; readonly id: string; readonly version: string }
  | {
      readonly status: 'rejected';
      readonly id?: string;
      readonly version?: string;
      readonly message: string;
      readonly reason: 'invalid' | 'refused';
    };

/** Core's ingest (validate → store, durable when resolved) for objects received from a peer. */
export type SyncIngest = (
  collectionId: string,
  objects: readonly Readonly<Record<string, unknown>>[],
  source: SyncSource,
  /** Objects (by index) whose text had a key twice: rejected, never stored. */
  duplicateKeys?: ReadonlyMap<number, DuplicateKey>,
) => Promise<readonly IngestResult[]>;

/** The subset of a pino logger federation writes to. */
export interface SyncLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  debug?(obj: object, msg: string): void;
}

/** Settings of a sync run, with documented defaults. */
export interface SyncOptions {
  readonly ingest: SyncIngest;
  readonly log?: SyncLogger;
  /** Objects asked for per pull page and sent per push batch at most (default 1000). */
  readonly pageSize?: number;
  /** TAXII client settings (timeouts, retries, trustedCa, allowInsecureHttp); the peer's credentials are added. */
  readonly client?: TaxiiClientOptions;
  /** The node's clock (default stix's nowMicros). */
  readonly nowMicros?: MicrosClock;
  /** The node's policy contexts (what push may send, what pull recognises as an echo). */
  readonly policy: PolicyContexts;
  /** How many times objects the peer refused are sent again within one run (default 2). */
  readonly pushRetries?: number;
}
