/**
 * Public surface of intel/: attribution claims and disputes, consensus per subject, joint
 * advisories with co-signers and release time, and advisory exports. Pure modules: callers
 * (core/) hand in what a reader may see and store what the builders return.
 */
export {
  type AdvisoryFacts,
  advisoryDigest,
  advisoryFacts,
  embargoMatches,
  signatureFacts,
} from './advisory/advisory-facts.js';
export {
  type AdvisoryRecords,
  type AdvisoryStateName,
  type AdvisoryStatus,
  type AdvisoryVersionOutcome,
  advisoryOutcomes,
  advisoryState,
} from './advisory/advisory-state.js';
export {
  type AdvisoryChanges,
  type AdvisoryDraft,
  type AdvisoryInput,
  type AdvisoryTlp,
  draftAdvisory,
  reviseAdvisory,
} from './advisory/build-advisory.js';
export { existingSignature, signAdvisory, signatureMarkings } from './advisory/sign-advisory.js';
export { verifySignature } from './advisory/verify-signature.js';
export { buildClaim, type ClaimInput, evidenceOf } from './claims/build-claim.js';
export { buildDispute, type DisputeInput } from './claims/build-dispute.js';
export { type ClaimFacts, claimFacts, type DisputeFacts, disputeFacts } from './claims/claim-facts.js';
export { AttributionIndex } from './consensus/attribution-index.js';
export type {
  Candidate,
  Consensus,
  Disputer,
  SubjectConsensus,
  Supporter,
} from './consensus/consensus-types.js';
export { GROUPED_TYPES, nameKey } from './consensus/grouping-keys.js';
export { JULY_2021_RELEASE, type July2021Ids, july2021Intel } from './demo/july-2021-intel.js';
export {
  type AdvisoryDocument,
  type AdvisoryExportInput,
  advisoryDocument,
  type IndicatorRow,
  type OtherRow,
  type TechniqueRow,
} from './export/advisory-document.js';
export { advisoryHtml, escapeHtml } from './export/html-export.js';
export { advisoryMarkdown } from './export/markdown-export.js';
export { advisoryPdf, DEFAULT_CHROMIUM, type PdfOptions, pdfRendererAvailable } from './export/pdf-export.js';
export { renderUntrustedMarkdown } from './export/safe-markdown.js';
export { type AdvisoryBundleInput, advisoryBundle } from './export/stix-bundle-export.js';
export { TLP_COLOURS, type TlpColours } from './export/tlp-colours.js';
export {
  ADVISORY_EXTENSION_ID,
  ADVISORY_SCHEMA,
  EVIDENCE_EXTENSION_ID,
  EVIDENCE_SCHEMA,
  EVIDENCE_TYPES,
  INTEL_EXTENSION_DEFINITIONS,
  SIGNATURE_EXTENSION_ID,
  SIGNATURE_SCHEMA,
} from './extension-definitions.js';
export type { BuildContext } from './input-checks.js';
export { IntelError } from './intel-error.js';
export { INTEL_ERROR_CODES, type IntelErrorCode } from './intel-error-codes.js';
export { type IntelIssue, type IntelResult, unwrap } from './intel-issue.js';
export type { AsOf, ReadingOptions, VersionRecord } from './version-record.js';
