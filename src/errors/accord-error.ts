/**
 * The one base of every domain error in Accord. Shells (CLI, TAXII, the JSON API) recognise a
 * domain error by `instanceof AccordError` and decide what it means by its stable `code` alone,
 * never by the class name, the message or the module it came from.
 */

/** Facts an error carries for a shell or a log, beside its code (never secrets). */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** Construction options shared by every domain error. */
export interface AccordErrorOptions {
  readonly cause?: unknown;
  readonly details?: ErrorDetails;
}

/** A domain failure with a stable, namespaced `code` (`STORE_BUSY`); `message` is for people. */
export abstract class AccordError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: ErrorDetails | undefined;

  constructor(code: Code, message: string, options: AccordErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
    // The subclass's own name shows in stack traces and logs; nothing may test it.
    this.name = new.target.name;
  }
}

/** True when `error` is a domain error, optionally one of the given codes. */
export function isAccordError(error: unknown, ...codes: readonly string[]): error is AccordError {
  return error instanceof AccordError && (codes.length === 0 || codes.includes(error.code));
}
