/** Public surface of policy/: the only place that decides what an organisation may see or receive. */
export {
  EMBARGO_EXTENSION_ID,
  embargoMarking,
  SHARING_GROUP_EXTENSION_ID,
  sharingGroupMarking,
} from './accord-markings.js';
export { auditLevelOf } from './audit-level.js';
export { mayReadCollection, mayWriteCollection } from './collection-access.js';
export { type Decision, type DecisionSubject, decide } from './decide.js';
export { embargoOf } from './embargo.js';
export {
  ACCORD_EXTENSION_DEFINITIONS,
  ACCORD_IDENTITY_ID,
  EMBARGO_SCHEMA,
  SHARING_GROUP_SCHEMA,
} from './extension-definitions.js';
export { decideByViews, granularViewsOf, type ViewDecision } from './granular-views.js';
export {
  buildMarkingIndex,
  type MarkingIndex,
  type MarkingSubject,
  type MeaningOf,
  meaningsFor,
  trusts,
} from './marking-index.js';
export { policyContextOf } from './policy-context.js';
export { PolicyError } from './policy-error.js';
export { POLICY_ERROR_CODES, type PolicyErrorCode } from './policy-error-codes.js';
export { type FastDecision, fastDecider, fastDecision, rowClasses, seesUnchanged } from './sees-unchanged.js';
export { timestampToMicros } from './timestamp.js';
export type { PolicyContext, Reader } from './types.js';
export { decideStored, viewFor } from './view.js';
