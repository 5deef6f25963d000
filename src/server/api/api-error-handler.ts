/**
 * The JSON API's one error handler: every error thrown under `/api` becomes
 * `{"error": {"code", "message"}}` with its HTTP status. Domain errors get status and code from
 * the node's one map (httpErrorOf); the API adds only its own transport codes.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AccordError } from '../../errors/index.js';
import type { HttpError, HttpErrorOf } from '../../taxii/index.js';
import type { ApiErrorCode } from './api-error-codes.js';

/** The body of every API error. */
export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

/** An error the API itself raises (unknown route), with its status. */
export class ApiError extends AccordError<ApiErrorCode> {
  constructor(
    readonly status: number,
    code: ApiErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}

function apiHttpError(err: unknown, httpErrorOf: HttpErrorOf): HttpError {
  if (err instanceof ApiError) return { status: err.status, code: err.code, message: err.message };
  const domain = httpErrorOf(err);
  if (domain) return domain;
  const fe = err as Partial<FastifyError>;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500)
    return { status: fe.statusCode, code: 'API_BAD_REQUEST', message: fe.message ?? 'bad request' };
  return { status: 500, code: 'API_INTERNAL', message: 'internal error; see the server log' };
}

/** Answers an error as `{"error": {"code", "message"}}`, logging server faults in full. */
export function sendApiError(
  err: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  httpErrorOf: HttpErrorOf,
): FastifyReply {
  const m = apiHttpError(err, httpErrorOf);
  if (m.status >= 500) request.log.error({ err }, 'request failed');
  else request.log.info({ code: m.code, status: m.status }, m.message);
  const body: ApiErrorBody = { error: { code: m.code, message: m.message } };
  const headers = { ...m.headers };
  // A browser's fetch() (Sec-Fetch-Mode other than navigate) would answer a Basic challenge with
  // its own login dialog over the console's sign-in page: the console gets the 401 alone.
  const mode = request.headers['sec-fetch-mode'];
  if (mode !== undefined && mode !== 'navigate') delete headers['WWW-Authenticate'];
  return reply
    .code(m.status)
    .headers(headers)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(body));
}
