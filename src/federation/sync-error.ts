/** The one error class of federation/. */
import type { SyncErrorCode } from './sync-error-codes.js';

/** A federation failure with a stable `code`; `message` is for people. */
export class SyncError extends Error {
  readonly code: SyncErrorCode;

  constructor(code: SyncErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SyncError';
    this.code = code;
  }
}
