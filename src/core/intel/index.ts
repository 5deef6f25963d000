/** Attribution and joint advisory use cases (issue 15), over intel/ and the node's read path. */
export type { AdvisoryStatus, Consensus } from '../../intel/index.js';
export {
  advisoryStatus,
  advisoryStatusPerNode,
  type DraftRequest,
  draftJointAdvisory,
  type Signed,
  signJointAdvisory,
} from './advisory.js';
export { EXPORT_FORMATS, type ExportFormat, type ExportRequest, exportAdvisory } from './advisory-export.js';
export {
  type AdvisoryReleaseOptions,
  AdvisoryReleases,
  DEFAULT_RELEASE_GRACE_MS,
  type ReleaseDecision,
  releaseDueAdvisories,
} from './advisory-release.js';
export { type ReleaseLoop, type ReleaseLoopOptions, startAdvisoryReleases } from './advisory-release-loop.js';
export {
  attributionConsensus,
  type ClaimRequest,
  type ConsensusRequest,
  claimAttribution,
  type DisputeRequest,
  disputeAttribution,
  type Made,
} from './attribution.js';
export {
  type NodeRelease,
  type NodeReleaseState,
  PEER_MISSED_ACTION,
  PEER_RELEASED_ACTION,
  releaseStates,
} from './release-states.js';
