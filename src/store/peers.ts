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
