/**
 * The CLI's one map from errors to CONTRACT.md exit statuses. Commands throw (or let through)
 * domain errors; main.ts prints `accord: <message>` and exits with `exitStatusOf(err)`. A
 * command catches an error only to add what the map cannot know (which file it was reading).
 */
import type { CoreErrorCode } from '../core/index.js';
import { isAccordError } from '../errors/index.js';
import type { StixErrorCode } from '../stix/index.js';

/** Exit statuses of CONTRACT.md: 1 input read and found invalid, 2 bad usage or unreadable input or internal failure. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** One of the statuses of EXIT. */
export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports as one `accord: <message>` line, exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitStatus = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Core codes meaning the input was read and refused (a bad timestamp, an unknown organisation,
 * a duplicate id, an `--as` user who may not write there), as docs/reference/errors-taxii.md says.
 */
const INVALID_CORE_CODES: ReadonlySet<CoreErrorCode> = new Set([
  'CORE_INVALID',
  'CORE_NOT_FOUND',
  'CORE_CONFLICT',
  'CORE_FORBIDDEN',
]);

/** STIX codes of input that is not JSON at all (RFC 8259 8.1 makes UTF-8 part of JSON): unreadable, not invalid. */
const UNREADABLE_STIX_CODES: ReadonlySet<StixErrorCode> = new Set([
  'STIX_JSON_SYNTAX',
  'STIX_JSON_TRUNCATED',
  'STIX_INVALID_UTF8',
]);

/**
 * Modules whose every code describes input that was read and refused: a peer configuration
 * (`SYNC_…`), STIX content past the JSON layer (`STIX_…`), an attribution or advisory (`INTEL_…`).
 */
const INVALID_NAMESPACES: readonly string[] = ['SYNC_', 'STIX_', 'INTEL_'];

/** The exit status of an error that ends a command; anything unrecognised is an internal failure (2). */
export function exitStatusOf(err: unknown): ExitStatus {
  if (err instanceof CliError) return err.exitCode;
  if (!isAccordError(err)) return EXIT.usage;
  const code = err.code;
  if (INVALID_CORE_CODES.has(code as CoreErrorCode)) return EXIT.invalid;
  if (UNREADABLE_STIX_CODES.has(code as StixErrorCode)) return EXIT.usage;
  return INVALID_NAMESPACES.some((ns) => code.startsWith(ns)) ? EXIT.invalid : EXIT.usage;
}
