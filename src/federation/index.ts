/** Public surface of federation/: peers, pull and push sync over TAXII 2.1, and their state. */
export {
  CONNECTION_STEPS,
  type ConnectionStep,
  type ConnectionTestOptions,
  testPeerConnection,
} from './connection-test.js';
export {
  type FederationHandle,
  type FederationOptions,
  startFederation,
  syncOnce,
} from './federation-runner.js';
export { markingRefsOf } from './marking-refs.js';
export { addPeer, type PeerInput, requirePeer } from './peer-config.js';
export { PeerLink } from './peer-link.js';
export {
  PEER_MISSED_ACTION,
  PEER_RELEASED_ACTION,
  type PeerReleaseRecord,
  peerReleaseRecords,
} from './peer-releases.js';
export { CONFLICT_ACTION, REFUSED_ACTION } from './peer-state.js';
export { listPeerStatus, type PeerStatus, peerStatus, type SyncIncident } from './peer-status.js';
export type { PullReport } from './pull.js';
export type { PushReport } from './push.js';
export { SyncError } from './sync-error.js';
export { SYNC_ERROR_CODES, type SyncErrorCode } from './sync-error-codes.js';
export { type SyncReport, syncPeer } from './sync-peer.js';
export type { IngestResult, SyncIngest, SyncLogger, SyncOptions, SyncSource } from './sync-ports.js';
