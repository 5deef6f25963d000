/**
 * The TAXII plugin's one error handler: every error thrown under `/taxii2` (hooks, body parser,
 * routes) becomes a TAXII 2.1 error resource (section 3.6.1) with its HTTP status. TAXII's own
 * errors carry their status; the node's domain errors get theirs from the `httpErrorOf` the
 * composition root passes in, since taxii/ knows no use cases.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { TAXII_MEDIA_TYPE } from '../media-types.js';
import { type ErrorResource, TaxiiError } from '../taxii-error.js';
import type { TaxiiErrorCode } from '../taxii-error-catalog.js';

/** An error as HTTP sees it: status, stable code, a message fit for the client, extra headers. */
export interface HttpError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Maps a domain error to its HTTP form; undefined for an error it does not know. */
export type HttpErrorOf = (err: unknown) => HttpError | undefined;

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

/** TAXII codes of the 4xx statuses Fastify answers itself; any other 4xx is TAXII_BAD_REQUEST. */
const FASTIFY_CODES: Readonly<Record<number, TaxiiErrorCode>> = {
  408: 'TAXII_REQUEST_TIMEOUT',
  413: 'TAXII_CONTENT_TOO_LARGE',
  414: 'TAXII_URI_TOO_LONG',
  415: 'TAXII_UNSUPPORTED_MEDIA_TYPE',
  431: 'TAXII_HEADERS_TOO_LARGE',
};

/** What TAXII answers for an error: its own, the domain's (via httpErrorOf), Fastify's 4xx, else 500. */
export function taxiiHttpError(err: unknown, httpErrorOf?: HttpErrorOf): HttpError {
  if (err instanceof TaxiiError)
    return { status: err.status, code: err.code, message: err.message, headers: err.headers };
  const domain = httpErrorOf?.(err);
  if (domain) return domain;
  const fe = err as Partial<FastifyError>;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = FASTIFY_CODES[fe.statusCode] ?? 'TAXII_BAD_REQUEST';
    return { status: fe.statusCode, code, message: fe.message ?? 'bad request' };
  }
  return { status: 500, code: 'TAXII_INTERNAL', message: 'internal error; see the server log' };
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

/** Answers an error with a TAXII error resource, logging server faults in full and the rest briefly. */
export function sendTaxiiError(
  err: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  httpErrorOf?: HttpErrorOf,
): FastifyReply {
  const m = taxiiHttpError(err, httpErrorOf);
  if (m.status >= 500) request.log.error({ err }, 'request failed');
  else request.log.info({ code: m.code, status: m.status }, m.message);
  const body = errorResource(m.status, m.code, m.message, String(request.id));
  return reply
    .code(m.status)
    .headers({ ...m.headers })
    .header('content-type', TAXII_MEDIA_TYPE)
    .send(Buffer.from(JSON.stringify(body)));
}
