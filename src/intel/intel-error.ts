/** The one error class of intel/. */
import type { IntelErrorCode } from './intel-error-codes.js';

/** An attribution or advisory failure with a stable `INTEL_…` code; `message` is for people. */
export class IntelError extends Error {
  readonly code: IntelErrorCode;

  constructor(code: IntelErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IntelError';
    this.code = code;
  }
}
