/**
 * Public surface of interop/: formats other tools speak, for `accord import` and `accord export`
 * (MISP events and feeds, format detection, streamed STIX bundles, ATT&CK ids).
 */
export { ATTACK_SOURCES, attackIdsOf, attackTypesOf, isAttackId } from './attack/attack-ids.js';
export { type BundleOptions, bundleChunks, writeBundle } from './bundle-writer.js';
export { DEFAULT_SNIFF_BYTES, detectFormat, detectFormatOfText, type InputFormat } from './detect-format.js';
export { INTEROP_ERROR_CODES, type InteropErrorCode } from './errors/error-codes.js';
export { InteropError } from './errors/interop-error.js';
export type { ConversionIssue } from './errors/issue.js';
export {
  changedEntries,
  type EventUnit,
  eventToStix,
  type FeedEntry,
  type FeedManifest,
  type FeedState,
  isFeedDirectory,
  MISP_NAMESPACE,
  type MispEventJson,
  type MispExport,
  type MispExportOptions,
  type MispLimits,
  mispEventsFromStix,
  mispEventUnits,
  readFeedManifest,
  withEntry,
} from './misp/index.js';
export { type MispEventItems, type MispItemsOptions, mispItems } from './misp-items.js';
