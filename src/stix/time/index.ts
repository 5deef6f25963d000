/** Time in STIX and TAXII: the Micros instant, the one timestamp parser and formatter, the clock. */
export { type FractionDigits, formatExact, formatMicros, formatTimestamp } from './format-timestamp.js';
export {
  asMicros,
  type Micros,
  type MicrosClock,
  microsFromMillis,
  microsOfDate,
  millisOf,
} from './micros.js';
export { nowMicros } from './now-micros.js';
export { parseDateTime, parseUtcOffset } from './parse-date-time.js';
export {
  compareParsed,
  compareTimestamps,
  type ParsedTimestamp,
  parseTimestamp,
  type TimestampLimits,
  timestampFractionDigits,
  timestampMicros,
  UNTRUSTED_TIMESTAMP,
} from './parse-timestamp.js';
