/** Public surface of policy/: the only place that decides what an organisation may see, receive or do. */
export {
  EMBARGO_EXTENSION_ID,
  embargoMarking,
  SHARING_GROUP_EXTENSION_ID,
  sharingGroupMarking,
} from './accord-markings.js';
export {
  ADVISORY_EXTENSION_ID,
  releasedByEntryOnly,
  SIGNATURE_EXTENSION_ID,
} from './advisory-embargo.js';
export { auditLevelOf } from './audit-level.js';
export { embargoOf } from './embargo.js';
export { type Explanation, explainDecision } from './explain-decision.js';
export {
  ACCORD_EXTENSION_DEFINITIONS,
  ACCORD_IDENTITY_ID,
  EMBARGO_SCHEMA,
  SHARING_GROUP_SCHEMA,
} from './extension-definitions.js';
export { redact } from './granular-redaction.js';
export type { SelectorStep } from './granular-selector.js';
export { granularViewsOf } from './granular-views.js';
export {
  buildMarkingIndex,
  type MarkingIndex,
  type MarkingSubject,
  type MeaningOf,
  meaningsFor,
  trusts,
} from './marking-index.js';
export { type Action, type ActionResources, type Actor, may } from './may.js';
export { type NodePolicyContext, PolicyContexts, type PolicySource } from './policy-contexts.js';
export { PolicyError } from './policy-error.js';
export { POLICY_ERROR_CODES, type PolicyErrorCode } from './policy-error-codes.js';
export { planFor, type ReaderPlan, type Sight, sightObject } from './reader-plan.js';
export { parseStoredObject, storedObject } from './stored-object.js';
export type { PolicyContext, Reader } from './types.js';
export type { VisibleEntry } from './visible-entry.js';
