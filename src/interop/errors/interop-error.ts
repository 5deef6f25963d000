import { AccordError } from '../../errors/index.js';
import type { InteropErrorCode } from './error-codes.js';

/** The one error class of interop/: a stable `code` from INTEROP_ERROR_CODES and a message naming the place. */
export class InteropError extends AccordError<InteropErrorCode> {
  constructor(code: InteropErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
