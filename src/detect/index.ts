/**
 * Public surface of detection: log adapters (ECS, Zeek, W3C/IIS/Exchange, Suricata EVE) to STIX
 * observations, indicator compilation, matching, sighting aggregation, k-anonymous summaries, and
 * the batch and `--follow` runners with their ports (indicators in, objects out).
 */
export { ADAPTERS, createAdapter } from './adapters/create-adapter.js';
export {
  type AdapterOptions,
  type LineResult,
  LOG_FORMATS,
  type LogAdapter,
  type LogFormat,
} from './adapters/log-adapter.js';
export { type Sniffed, sniffLine } from './adapters/sniff-format.js';
export { EXCHANGE_EXTENSION_ID } from './adapters/w3c.js';
export { DETECT_ERROR_CODES, DetectError, type DetectErrorCode } from './errors/detect-error.js';
export {
  type CompiledIndicators,
  type CompileIndicatorOptions,
  compileIndicators,
} from './indicators/compile-indicators.js';
export {
  type DetectIndicator,
  type RejectedIndicator,
  readIndicators,
  readValidatedIndicators,
} from './indicators/detect-indicator.js';
export { detectionPattern } from './indicators/detection-pattern.js';
export { type EventSource, eventBytes, eventSource } from './input/event-bytes.js';
export { parseIndicatorText, readIndicatorFile } from './input/indicator-file.js';
export { DEFAULT_MAX_LINE_BYTES, LineSplitter, type RawLine } from './input/line-splitter.js';
export { lineText } from './input/line-text.js';
export type { DraftObject } from './model/drafts.js';
export type { LogEvent } from './model/log-event.js';
export { RecordObservation } from './model/record-observation.js';
export {
  contextualScoId,
  DEFAULT_SENSOR_IDENTITY,
  DETECT_NAMESPACE,
  observedDataId,
  sightingId,
} from './output/detect-ids.js';
export { exactJson } from './output/exact-json.js';
export { type EventObjects, eventObjects, type StixJson } from './output/stix-event.js';
export { checkFollowSettings, formatSetting, timezoneSetting } from './pipeline/detect-settings.js';
export {
  type DetectionReport,
  MAX_LISTED_REJECTIONS,
  type RejectedLine,
  type SuppressedMatches,
} from './pipeline/detection-report.js';
export { type CorrelationScope, DetectionSession, type DetectOptions } from './pipeline/detection-session.js';
export { type FollowInput, followDetection } from './pipeline/follow-detection.js';
export { type ObjectSink, type RunDetectionInput, runDetection } from './pipeline/run-detection.js';
export {
  type AggregationLimits,
  aggregateSightings,
  eventFingerprint,
  MAX_SIGHTING_COUNT,
  SightingAggregator,
  type SightingMatch,
  type SightingState,
  sightingObject,
} from './sightings/sighting-aggregate.js';
export {
  SIGHTING_SUMMARY_EXTENSION_ID,
  type SightingRecord,
  type SummaryOptions,
  summarizeSightings,
  summaryId,
} from './sightings/summarize-sightings.js';
export { type EventTime, parseUtcOffset, type UtcOffset } from './time/event-time.js';
export { buildWarninglists, loadWarninglists, type Warninglists } from './warninglists/warninglist.js';
