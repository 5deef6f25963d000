import { AccordError } from '../../errors/index.js';

/**
 * The catalog of detection error codes (documented in docs/reference/errors-detect.md; a test keeps
 * both equal) and the one error class the module throws.
 */
export const DETECT_ERROR_CODES = {
  DETECT_FORMAT_MISMATCH: 'The log file is not in the format given with --format.',
  DETECT_FORMAT_UNKNOWN: 'A --format value that is not auto, ecs, zeek, w3c or suricata.',
  DETECT_BAD_TIMEZONE: 'A --tz value that is not ±HH:MM.',
  DETECT_UNREADABLE_INPUT: 'An events, indicators or warninglist file cannot be opened or read.',
  DETECT_BAD_INDICATORS: 'The indicators file is neither STIX JSON lines nor a bundle.',
  DETECT_BAD_WARNINGLIST: 'A warninglist file is not a MISP warninglist (name, type, list).',
  DETECT_BAD_STATE: 'The --follow state beside --out cannot be read back (corrupt or from another command).',
  DETECT_BAD_OPTIONS: 'Options that cannot be used together (e.g. --follow on stdin or without --out).',
} as const;

/** A stable detection error code. */
export type DetectErrorCode = keyof typeof DETECT_ERROR_CODES;

/** The only error the detection module throws: a stable code and a message saying what and where. */
export class DetectError extends AccordError<DetectErrorCode> {
  constructor(code: DetectErrorCode, message: string) {
    super(code, message);
  }
}
