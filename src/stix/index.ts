/** Public surface of the STIX 2.1 library: types, validation, identifiers, markings, streaming. */

export { isStixId, type ParsedIdentifier, parseIdentifier } from './checks/identifier.js';
export type {
  CustomObject,
  StixObject,
  StixType,
  ValidatedObject,
  ValidatedOf,
} from './common/stix-object.js';
export {
  kindOf,
  META_TYPE_NAMES,
  type ObjectKind,
  SCO_TYPE_NAMES,
  SDO_TYPE_NAMES,
  SRO_TYPE_NAMES,
} from './common/type-names.js';
export type * from './common/types.js';
export { STIX_ERROR_CODES, StixError, type StixErrorCode } from './errors/catalog.js';
export { canonicalJson, KeyOrders, plainCanonicalJson } from './id/canonical-json.js';
export {
  chooseOneHash,
  deterministicId,
  ID_CONTRIBUTING_PROPERTIES,
  idContributingObject,
} from './id/deterministic-id.js';
export { ExactInteger, mayHoldLongIntegers, parseJsonExact } from './id/exact-json.js';
export { type IdentifyOptions, identifyScos } from './id/identify-scos.js';
export { STIX_SCO_NAMESPACE, uuidV5 } from './id/uuid.js';
export { DEFAULT_INPUT_LIMITS, type InputLimits, inputLimits } from './limits/input-limits.js';
export { objectLimitIssue } from './limits/object-limits.js';
export { selectorProblem } from './markings/granular-markings.js';
export {
  isTlpMarking,
  TLP_V1,
  TLP_V1_IDS,
  TLP_V2,
  TLP_V2_EXTENSION_ID,
  TLP_V2_IDS,
  type TlpV1Level,
  type TlpV2Level,
  tlpOf,
} from './markings/tlp.js';
export { bundleIssues, bundleSpecVersion } from './meta/bundle.js';
export type * from './meta/types.js';
export type * from './sco/extension-types.js';
export {
  SCO_COMMON_PROPERTY_NAMES,
  SCO_EXTENSION_OWNERS,
  SCO_EXTENSION_PROPERTY_NAMES,
  SCO_NESTED_TYPE_PROPERTY_NAMES,
  SCO_PROPERTY_NAMES,
} from './sco/property-names.js';
export type * from './sco/types.js';
export type * from './sdo/types.js';
export type * from './sro/types.js';
export type { DocumentEvent } from './stream/document-events.js';
export { type EnvelopeDuplicates, envelopeDuplicates, keysInText } from './stream/envelope-duplicates.js';
export type { DuplicateKey, StreamLimits } from './stream/json-scanner.js';
export {
  type DocumentProblem,
  type JsonDocument,
  readJsonDocument,
} from './stream/read-json-document.js';
export {
  documentBatches,
  type StreamItem,
  type StreamOptions,
  streamObjectBatches,
  streamObjects,
} from './stream/stream-objects.js';
export {
  describeUtf8Problem,
  lineColumnOf,
  type Utf8Problem,
  Utf8Stream,
  utf8Problem,
} from './stream/strict-utf8.js';
export { validateStream, validateStreamBatches } from './stream/validate-stream.js';
export * from './time/index.js';
export * from './upgrade/index.js';
/** Narrows parsed JSON to an object (not null, not an array), instead of casting it. */
export { isRecord } from './validate/context.js';
export type {
  DocumentResult,
  Issue,
  ObjectResult,
  ValidateOptions,
  ValidationResult,
} from './validate/issue.js';
export { META_TYPES, SCO_TYPES, SDO_TYPES, SRO_TYPES, TYPE_SPECS } from './validate/registry.js';
export type { TypeSpec } from './validate/type-spec.js';
export { toObjectResult, validateDocument } from './validate/validate-document.js';
export { validateObject } from './validate/validate-object.js';
export { newVersion, versionOf } from './versioning/versions.js';
export { VOCABULARIES, type Vocabulary, type VocabularyName } from './vocab/vocabularies.js';
