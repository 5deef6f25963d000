/**
 * The catalog of pattern error and warning codes (one place, documented in
 * docs/reference/errors-pattern.md; a test keeps both equal).
 */
export const PATTERN_ERROR_CODES = {
  PATTERN_UNEXPECTED_CHARACTER: 'A character that starts no token of the grammar (9.4).',
  PATTERN_EXPECTED_TOKEN: 'The parser expected another token here (grammar of section 9).',
  PATTERN_UNTERMINATED_STRING: 'A quoted literal has no closing apostrophe (9.2).',
  PATTERN_INVALID_ESCAPE: "A backslash in a string is followed by something other than ' or \\ (9.2).",
  PATTERN_INVALID_HEX: "An h'…' literal holds an odd number of digits or a non-hex character (9.2).",
  PATTERN_INVALID_BINARY: "A b'…' literal is not valid base64 (9.2, RFC 4648).",
  PATTERN_INVALID_TIMESTAMP: "A t'…' literal is not a valid STIX timestamp (9.2, 2.16).",
  PATTERN_INVALID_NUMBER: 'A number is malformed or outside the range of section 2 (9.2).',
  PATTERN_UNQUOTED_PROPERTY: 'A property name with - or . is not enclosed in apostrophes (9.7).',
  PATTERN_INVALID_LIST_INDEX: 'A list index is negative or not an integer or * (9.7.2).',
  PATTERN_INVALID_QUALIFIER: 'REPEATS/WITHIN value is not positive, or START is not before STOP (9.5.1).',
  PATTERN_DUPLICATE_QUALIFIER: 'An observation expression has two qualifiers of one kind (9.5.1).',
  PATTERN_REGEX_UNSUPPORTED:
    'A MATCHES expression uses a construct RE2 cannot run (backreference, lookaround, …).',
  PATTERN_REGEX_INVALID: 'A MATCHES expression is not a valid regular expression (9.6.1).',
  PATTERN_INVALID_CIDR: 'An ISSUBSET/ISSUPERSET constant is not an IPv4 or IPv6 address or CIDR (9.6.1).',
  PATTERN_MIXED_SET: 'The constants of an IN set are not of one data type (9.6.1).',
  PATTERN_AND_DIFFERENT_TYPES: 'AND joins comparisons no single object can satisfy (9.5, STIX 2.1 only).',
  PATTERN_TYPE_MISMATCH: 'The operator or constant does not suit the property (warning) (9.6.1).',
  PATTERN_UNKNOWN_OBJECT_TYPE: 'The object type is not a STIX SCO: assumed custom (warning) (9.7).',
  PATTERN_UNKNOWN_PROPERTY: 'The property is not defined for the SCO: assumed custom (warning) (9.7).',
  PATTERN_UNKNOWN_EXTENSION: 'The extension is not predefined: assumed custom (warning) (9.7).',
  PATTERN_LIMIT_EXCEEDED: 'A size, depth, node, repeat or binding limit of the engine was exceeded.',
  PATTERN_INVALID_OBSERVATIONS: 'The observations to evaluate against are not observed-data/SCO objects.',
  PATTERN_EVALUATION_ERROR:
    'A timestamp in the data is not a valid STIX timestamp where the pattern needs one (9.6.1, 9.5.1, 2.16).',
} as const;

/** A stable pattern error or warning code. */
export type PatternErrorCode = keyof typeof PATTERN_ERROR_CODES;
