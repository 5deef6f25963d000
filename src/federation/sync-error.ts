/** The one error class of federation/. */
import { AccordError } from '../errors/index.js';
import type { SyncErrorCode } from './sync-error-codes.js';

/** A federation failure with a stable `code`; `message` is for people. */
export class SyncError extends AccordError<SyncErrorCode> {
  constructor(code: SyncErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
