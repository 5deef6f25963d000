/**
 * The catalog of interop codes (documented in docs/reference/errors-interop.md; a test keeps
 * both equal). Per-event and per-attribute reports use them with a severity: `error` means the
 * input was rejected as invalid (accord import exits 1), `warning` that something was left out,
 * `info` that something was carried in another form.
 */
export const INTEROP_ERROR_CODES = {
  INTEROP_NOT_JSON: 'The input is not JSON, or is truncated.',
  INTEROP_UNKNOWN_FORMAT: 'The input is JSON but neither STIX nor MISP content.',
  INTEROP_TOO_LARGE: 'The input exceeds a size limit (file bytes, attributes per event, value length).',
  INTEROP_EVENT_INVALID: 'A MISP event lacks what every event has (a uuid, an info text, a timestamp).',
  INTEROP_ATTRIBUTE_INVALID: 'A MISP attribute lacks a uuid, type or value, or repeats a uuid of its event.',
  INTEROP_INVALID_VALUE: 'An attribute value does not fit its type (an IP that is not one, a bad hash).',
  INTEROP_OBJECT_INVALID: 'A MISP object lacks a uuid or name, or none of its attributes could be used.',
  INTEROP_CARRIED_AS_NOTE: 'An attribute or object with no STIX counterpart is carried as a note.',
  INTEROP_CARRIED_AS_REFERENCE: 'A link attribute is carried as an external reference of the report.',
  INTEROP_NOT_CONVERTED:
    'Part of the input has no counterpart and was left out (a sighting type, a reference).',
  INTEROP_FEED_INVALID: 'A MISP feed directory has no readable manifest.json, or the manifest is malformed.',
  INTEROP_FEED_EVENT_MISSING: 'The manifest names an event whose <uuid>.json is missing or unreadable.',
  INTEROP_EXPORT_SKIPPED:
    'A STIX object, or part of one, has no MISP counterpart and was left out of the export.',
} as const;

/** A stable interop code. */
export type InteropErrorCode = keyof typeof INTEROP_ERROR_CODES;
