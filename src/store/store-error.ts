import { AccordError } from '../errors/index.js';
import type { StoreErrorCode } from './store-error-codes.js';

/** The one error class of store/: a stable `code` from STORE_ERROR_CODES and a message naming the place. */
export class StoreError extends AccordError<StoreErrorCode> {
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** True when `error` is a StoreError, optionally with the given code. */
export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}
