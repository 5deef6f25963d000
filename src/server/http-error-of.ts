/**
 * The one map from the node's domain errors to HTTP: status, code, a message fit for the
 * client, extra headers. Both HTTP shells use it (the TAXII plugin and the JSON API), each
 * shaping the body its own way; routes never catch.
 */
import { CoreError, type CoreErrorCode } from '../core/index.js';
import { StoreError, type StoreErrorCode } from '../store/index.js';
import type { HttpError } from '../taxii/index.js';

/** HTTP status of each core error code. */
const CORE_STATUS: Readonly<Record<CoreErrorCode, number>> = {
  CORE_UNAUTHENTICATED: 401,
  CORE_RATE_LIMITED: 429,
  CORE_NOT_FOUND: 404,
  CORE_FORBIDDEN: 403,
  CORE_INVALID: 400,
  CORE_CONFLICT: 409,
};

/** HTTP status of the store error codes a client can cause; any other store error is a 500. */
const STORE_STATUS: Readonly<Partial<Record<StoreErrorCode, number>>> = {
  STORE_BAD_CURSOR: 400,
  STORE_CURSOR_MISMATCH: 400,
  STORE_INVALID_QUERY: 400,
  STORE_UNKNOWN_COLLECTION: 404,
  STORE_BUSY: 503,
};

/** Challenges of the 401 response (TAXII 2.1 section 1.6.9, RFC 7235). */
export const WWW_AUTHENTICATE = 'Basic realm="accord", charset="UTF-8", Bearer realm="accord"';

/** The HTTP form of a domain error; undefined for anything else (the shell answers 500). */
export function httpErrorOf(err: unknown): HttpError | undefined {
  if (err instanceof CoreError) {
    const headers: Record<string, string> = {};
    if (err.code === 'CORE_UNAUTHENTICATED') headers['WWW-Authenticate'] = WWW_AUTHENTICATE;
    if (err.retryAfterSeconds !== undefined) headers['Retry-After'] = String(err.retryAfterSeconds);
    return { status: CORE_STATUS[err.code], code: err.code, message: err.message, headers };
  }
  if (err instanceof StoreError) {
    const status = STORE_STATUS[err.code] ?? 500;
    // A store failure's message may name files or SQL: the client learns only that it failed.
    return { status, code: err.code, message: status < 500 ? err.message : 'the store failed' };
  }
  return undefined;
}
