import { AccordError } from '../../errors/index.js';

/**
 * The catalog of stable STIX error codes: every issue and StixError carries one of these.
 * docs/reference/errors-stix.md documents each (a test keeps the two equal).
 */
export const STIX_ERROR_CODES = {
  STIX_NOT_AN_OBJECT: 'The value is not a JSON object where a STIX object is expected.',
  STIX_MISSING_PROPERTY: 'A property the spec marks required is absent.',
  STIX_WRONG_TYPE: 'A property has the wrong JSON type (e.g. a number where a string is required).',
  STIX_INVALID_VALUE: 'A property value breaks a rule of its type or property (range, format, length).',
  STIX_INVALID_TIMESTAMP: 'A timestamp is not RFC 3339 UTC `YYYY-MM-DDTHH:mm:ss[.s+]Z` (2.16).',
  STIX_TIMESTAMP_PRECISION:
    'A timestamp lacks the precision the property requires (e.g. milliseconds for created).',
  STIX_INVALID_IDENTIFIER: 'An identifier is not `type--UUID` with an RFC 4122 UUID (2.9).',
  STIX_ID_TYPE_MISMATCH: "An object's id does not start with its own type (2.9).",
  STIX_ID_UPPERCASE: 'An identifier uses upper-case hex digits; references resolve by exact match.',
  STIX_REFERENCE_TYPE: 'A reference points to an object type the property does not allow.',
  STIX_EMPTY_LIST: 'A list is empty; empty lists are prohibited (2.12).',
  STIX_EMPTY_DICTIONARY: 'A dictionary is empty; empty dictionaries are prohibited (2.3).',
  STIX_INVALID_KEY: 'A dictionary or hashes key breaks the key rules (characters, length).',
  STIX_VOCAB_CLOSED: 'A value is not in a closed enumeration (section 10).',
  STIX_VOCAB_OPEN: 'A value is not in the suggested open vocabulary (section 10); allowed, but a warning.',
  STIX_HASH_FORMAT: 'A hash value does not have the format of its algorithm.',
  STIX_HASH_ALGORITHM: 'A hash algorithm name is not from hash-algorithm-ov.',
  STIX_SPEC_VERSION: 'spec_version is missing or not a supported version.',
  STIX_VERSION_20: 'The object is STIX 2.0 content, checked with the 2.0-compatible subset of the rules.',
  STIX_MODIFIED_BEFORE_CREATED: 'modified is earlier than created (3.2, 3.6.1).',
  STIX_TIME_ORDER: 'Two timestamps of one object are out of order (e.g. last_seen before first_seen).',
  STIX_PROPERTY_NOT_APPLICABLE: 'A common property is present on an object type it does not apply to (3.2).',
  STIX_RESERVED_PROPERTY: 'A reserved property name is used (3.8).',
  STIX_CUSTOM_PROPERTY_NAME:
    'A custom or extension property name breaks the naming rules (3.1, 11.1.1, 7.3.2).',
  STIX_CUSTOM_PROPERTY: 'A custom property does not follow the recommended x_ prefix or extension mechanism.',
  STIX_CUSTOM_TYPE_NAME: 'A type name breaks the naming rules (3.1, 7.3.2, 11.2.1).',
  STIX_CUSTOM_OBJECT: 'The object type is not defined by the spec (a custom or extension object).',
  STIX_EXTENSION: 'An extension instance breaks the extension rules (3.2, 3.10, 7.3).',
  STIX_GRANULAR_MARKING: 'A granular marking is malformed or its selector does not resolve (7.2.3).',
  STIX_CIRCULAR_MARKING: 'A marking definition marks itself (3.2).',
  STIX_TLP_DEFINITION: 'A TLP 1.0 marking definition differs from the only permitted instances (7.2.1.4).',
  STIX_MUTUALLY_EXCLUSIVE: 'Two properties that must not appear together are both present.',
  STIX_AT_LEAST_ONE: 'None of a set of properties of which at least one is required is present.',
  STIX_DEPENDENT_PROPERTY: 'A property is present without the property it depends on.',
  STIX_RELATIONSHIP_TYPE:
    'A relationship is not in the spec-defined relationships for its source and target (Appendix B).',
  STIX_PATTERN: 'An indicator pattern is not valid.',
  STIX_REVOKED: 'The object is revoked.',
  STIX_LANGUAGE_CODE: 'A language code is not RFC 5646-shaped.',
  STIX_DEPRECATED: 'A deprecated construct is used.',
  STIX_BUNDLE: 'A bundle breaks the bundle rules (section 8).',
  STIX_JSON_SYNTAX: 'The input is not well-formed JSON (reported with line:column).',
  STIX_INVALID_UTF8:
    'The input is not well-formed UTF-8 (2.3, RFC 7493 2.1): an overlong encoding, an encoded surrogate, a truncated sequence; reported with its byte offset.',
  STIX_JSON_TRUNCATED: 'The input ended before the JSON value was complete.',
  STIX_DUPLICATE_KEY: 'A JSON object has the same key twice (2.3: keys MUST be unique).',
  STIX_TOO_DEEP: 'The input nests deeper than the maxDepth limit.',
  STIX_OBJECT_TOO_LARGE: 'One object is larger than the maxObjectBytes limit.',
  STIX_DUPLICATE_VERSION: 'Two objects of one document have the same id and modified (3.6): a warning.',
  STIX_ID_UUID_VERSION:
    'The UUID of an id is not the version 2.9 suggests (UUIDv5 for SCOs, UUIDv4 otherwise): a warning.',
  STIX_CHARACTER_SET:
    'An _enc property does not name a character set as the IANA registry says to (2.9, 6.3.1, 6.7.1).',
  STIX_MEDIA_TYPE: 'A MIME type is not in the IANA media types registry (6.1.1, 6.7.1): a warning.',
  STIX_COUNTRY_CODE: 'A country is not an ISO 3166-1 alpha-2 code (4.10.1): a warning.',
  STIX_TOO_MANY_PROPERTIES:
    'A JSON object inside an object (the object itself or a dictionary) has more members than the maxProperties limit.',
  STIX_TOO_MANY_VALUES: 'One object holds more values (at every level) than the maxValues limit.',
  STIX_TOO_MANY_KEYS:
    'A document read whole (a TAXII envelope) has more keys than the maxDocumentKeys limit.',
  STIX_NOT_STIX_CONTENT: 'The top-level JSON value is not an object, bundle or array of objects.',
} as const;

/** A stable STIX error code. */
export type StixErrorCode = keyof typeof STIX_ERROR_CODES;

/** The error the STIX module throws for input it cannot read (streaming); validation reports issues instead. */
export class StixError extends AccordError<StixErrorCode> {
  constructor(
    code: StixErrorCode,
    message: string,
    /** Where: a JSON pointer or `line:column`. */
    readonly where?: string,
  ) {
    super(code, message);
  }
}
