/** MISP ↔ STIX 2.1: events to STIX units (after misp-stix), feed directories, STIX to MISP events. */
export { ATTRIBUTE_TYPES, HASH_TYPES } from './attribute-table.js';
export { type EventUnit, mispEventUnits } from './document-events.js';
export { type EventConversion, eventToStix } from './event-to-stix.js';
export { type MispExport, type MispExportOptions, mispEventsFromStix } from './export/events-from-stix.js';
export type { MispEventJson } from './export/misp-json.js';
export {
  changedEntries,
  DEFAULT_MAX_FILE_BYTES,
  type FeedEntry,
  type FeedManifest,
  type FeedState,
  isFeedDirectory,
  readFeedManifest,
  readJsonFile,
  withEntry,
} from './feed-directory.js';
export type { MispEvent } from './misp-types.js';
export { OBJECT_TEMPLATES } from './object-table.js';
export { eventsOf, type MispLimits, readEvent } from './read-event.js';
export { MISP_NAMESPACE } from './stix-ids.js';
