/** Federation peers and their persisted sync state. */
import type { Micros } from '../stix/index.js';

/** A configured peer (CONTRACT.md, `accord peer add`). The password is needed in clear to log in on the peer. */
export interface PeerRecord {
  readonly name: string;
  /** The peer's TAXII discovery URL or an API root URL. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly remoteCollection: string;
  readonly localCollection: string;
  /** Local organisation the peer is; push sends only what policy clears for it. */
  readonly orgId: string;
  /**
   * Organisations (slugs) whose versions the peer may relay, as named by their `created_by_ref`
   * (CONTRACT.md `--speaks-for`); by default only `orgId`.
   */
  readonly speaksFor: readonly string[];
  readonly pull: boolean;
  readonly push: boolean;
  readonly intervalSeconds: number;
}

/** Cumulative outcomes of pulling from a peer, one count per received object (or failed run). */
export interface PullCounts {
  /** Stored as the first version of its id here. */
  readonly new: number;
  /** Stored as a new version of an id already here. */
  readonly updated: number;
  /** Already stored exactly so (or this node's own version echoed back). */
  readonly unchanged: number;
  /** Refused by policy: the peer may not speak for its producer, or another organisation owns the id. */
  readonly refused: number;
  /** Failed validation. */
  readonly invalid: number;
  /** Runs that stopped on a network or TAXII protocol error while pulling. */
  readonly transportErrors: number;
}

/** Cumulative outcomes of pushing to a peer. */
export interface PushCounts {
  /** Versions the peer's status resource reported as a success. */
  readonly sent: number;
  /** Versions the peer refused in its status resource, after retries. */
  readonly refused: number;
  /** Runs that stopped on a network or TAXII protocol error while pushing. */
  readonly transportErrors: number;
}

/** A peer's cumulative sync counters, kept apart per direction. */
export interface PeerCounters {
  readonly pull: PullCounts;
  readonly push: PushCounts;
}

/** Progress and health of one peer, persisted so that sync resumes after a crash. */
export interface PeerState {
  readonly name: string;
  /** Pull: the last `X-TAXII-Date-Added-Last` / date_added received (TAXII timestamp string). */
  readonly pullCursor?: string;
  /** Push: the last local feed position (µs) already sent. */
  readonly pushCursor?: Micros;
  readonly lastSuccess?: string;
  readonly lastError?: string;
  readonly lastAttempt?: string;
  /** Cumulative counters since the peer was added (absent before its first run). */
  readonly counters?: PeerCounters;
}

/** What a key rotation did: the new key's fingerprint, the secrets sealed again, where the key is. */
export interface SecretKeyRotation {
  readonly fingerprint: string;
  readonly resealed: number;
  readonly keyFile: string;
}

/** Peer storage shared by every backend; peer passwords are stored sealed (store/secret-box.ts). */
export interface PeerStore {
  putPeer(peer: PeerRecord): Promise<void>;
  getPeer(name: string): Promise<PeerRecord | undefined>;
  listPeers(): Promise<readonly PeerRecord[]>;
  getPeerState(name: string): Promise<PeerState | undefined>;
  putPeerState(state: PeerState): Promise<void>;
  /**
   * Removes a peer with its sync state (one transaction): a running node stops syncing it when
   * it next reads the peer list. False when there is no such peer.
   */
  deletePeer(name: string): Promise<boolean>;
  /** Seals every stored secret with a new key and replaces the key file (crash-safe; see SecretBox.rotate). */
  rotateSecretKey(): Promise<SecretKeyRotation>;
}
