/**
 * The one error handler of the server: maps domain errors (core, store, taxii) and Fastify's
 * own errors to the TAXII 2.1 error resource (section 3.6.1) with the right HTTP status.
 * Routes never catch; everything thrown ends here.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CoreError, type CoreErrorCode } from '../core/index.js';
import { type ErrorResource, TAXII_MEDIA_TYPE, TaxiiError, type TaxiiErrorCode } from '../taxii/index.js';

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
const STORE_STATUS: Readonly<Record<string, number>> = {
  STORE_BAD_CURSOR: 400,
  STORE_CURSOR_MISMATCH: 400,
  STORE_INVALID_QUERY: 400,
  STORE_UNKNOWN_COLLECTION: 404,
  STORE_BUSY: 503,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  409: 'Conflict',
  413: 'Request body too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Challenges of the 401 response (TAXII 2.1 section 1.6.9, RFC 7235). */
export const WWW_AUTHENTICATE = 'Basic realm="accord", charset="UTF-8", Bearer realm="accord"';

/** TAXII codes of the 4xx statuses Fastify answers itself; any other 4xx is TAXII_BAD_REQUEST. */
const FASTIFY_CODES: Readonly<Record<number, TaxiiErrorCode>> = {
  408: 'TAXII_REQUEST_TIMEOUT',
  413: 'TAXII_CONTENT_TOO_LARGE',
  414: 'TAXII_URI_TOO_LONG',
  415: 'TAXII_UNSUPPORTED_MEDIA_TYPE',
  431: 'TAXII_HEADERS_TOO_LARGE',
};

interface Mapped {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly headers: Record<string, string>;
}

function isStoreError(err: unknown): err is Error & { code: string } {
  return (
    err instanceof Error && err.name === 'StoreError' && typeof (err as { code?: unknown }).code === 'string'
  );
}

function map(err: unknown): Mapped {
  if (err instanceof TaxiiError)
    return { status: err.status, code: err.code, message: err.message, headers: { ...err.headers } };
  if (err instanceof CoreError) {
    const headers: Record<string, string> = {};
    if (err.code === 'CORE_UNAUTHENTICATED') headers['WWW-Authenticate'] = WWW_AUTHENTICATE;
    if (err.retryAfterSeconds !== undefined) headers['Retry-After'] = String(err.retryAfterSeconds);
    return { status: CORE_STATUS[err.code], code: err.code, message: err.message, headers };
  }
  if (isStoreError(err)) {
    const status = STORE_STATUS[err.code] ?? 500;
    return { status, code: err.code, message: status < 500 ? err.message : 'the store failed', headers: {} };
  }
  const fe = err as Partial<FastifyError>;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = FASTIFY_CODES[fe.statusCode] ?? 'TAXII_BAD_REQUEST';
    return { status: fe.statusCode, code, message: fe.message ?? 'bad request', headers: {} };
  }
  return { status: 500, code: 'TAXII_INTERNAL', message: 'internal error; see the server log', headers: {} };
}

/** The TAXII 2.1 error resource (section 3.6.1) of a status, code and message. */
export function errorResource(status: number, code: string, message: string, errorId: string): ErrorResource {
  return {
    title: TITLES[status] ?? 'Error',
    description: message,
    error_id: errorId,
    error_code: code,
    http_status: String(status),
  };
}

/** Fastify error handler producing TAXII error resources. */
export function taxiiErrorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const m = map(err);
  if (m.status >= 500) request.log.error({ err }, 'request failed');
  else request.log.info({ code: m.code, status: m.status }, m.message);
  const body = errorResource(m.status, m.code, m.message, String(request.id));
  return reply
    .code(m.status)
    .headers(m.headers)
    .header('content-type', TAXII_MEDIA_TYPE)
    .send(Buffer.from(JSON.stringify(body)));
}
