/** The one error class of intel/. */
import { AccordError } from '../errors/index.js';
import type { IntelErrorCode } from './intel-error-codes.js';

/** An attribution or advisory failure with a stable `INTEL_…` code; `message` is for people. */
export class IntelError extends AccordError<IntelErrorCode> {
  constructor(code: IntelErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
