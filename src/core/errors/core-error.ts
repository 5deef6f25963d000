import type { CoreErrorCode } from './error-catalog.js';

/** A domain error of a use case, with a stable code (docs/reference/errors-taxii.md lists them). */
export class CoreError extends Error {
  constructor(
    readonly code: CoreErrorCode,
    message: string,
    /** Seconds after which a rate-limited caller may retry (CORE_RATE_LIMITED only). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}
