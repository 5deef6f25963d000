import { AccordError } from '../../errors/index.js';
import type { CoreErrorCode } from './error-catalog.js';

/** A domain error of a use case, with a stable code (docs/reference/errors-taxii.md lists them). */
export class CoreError extends AccordError<CoreErrorCode> {
  constructor(
    code: CoreErrorCode,
    message: string,
    /** Seconds after which a rate-limited caller may retry (CORE_RATE_LIMITED only). */
    readonly retryAfterSeconds?: number,
  ) {
    super(code, message);
  }
}
