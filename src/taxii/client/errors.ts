/** The one error class of the TAXII client and its catalog of stable codes (docs/reference/errors-sync.md). */
import { AccordError } from '../../errors/index.js';

/** Every code a TaxiiClientError may carry, with what it means. */
export const TAXII_CLIENT_ERRORS = {
  TAXII_CLIENT_BAD_URL: 'the URL is not an absolute http(s) URL, or is plain HTTP to a non-loopback host',
  TAXII_CLIENT_UNAUTHORIZED: 'the server answered 401: the credentials were refused or missing',
  TAXII_CLIENT_FORBIDDEN: 'the server answered 403: the account may not do this',
  TAXII_CLIENT_NOT_FOUND: 'the server answered 404: no such API root, collection, object or status',
  TAXII_CLIENT_HTTP_STATUS: 'the server answered another error status (after any retries)',
  TAXII_CLIENT_NETWORK: 'the connection failed (after any retries)',
  TAXII_CLIENT_TLS: 'the TLS handshake failed: the certificate could not be verified',
  TAXII_CLIENT_TIMEOUT: 'a request took longer than the per-request timeout (after any retries)',
  TAXII_CLIENT_ABORTED: "the caller's AbortSignal cancelled the request",
  TAXII_CLIENT_TOO_LARGE: 'the response body is larger than maxResponseBytes',
  TAXII_CLIENT_BAD_MEDIA_TYPE: 'the response is not application/taxii+json (version 2.1)',
  TAXII_CLIENT_BAD_RESPONSE:
    'the response body is not JSON, not the TAXII 2.1 resource expected, not UTF-8, or past the depth or key limits',
  TAXII_CLIENT_STATUS_PENDING: 'a status resource was still pending when waiting for it gave up',
  TAXII_CLIENT_NO_API_ROOT: 'the discovery resource lists no API root to use',
} as const;

/** A stable code of TAXII_CLIENT_ERRORS. */
export type TaxiiClientErrorCode = keyof typeof TAXII_CLIENT_ERRORS;

/** The TAXII error resource (TAXII 2.1 section 3.6.1) a server may send with a 4xx/5xx answer. */
export interface TaxiiErrorResource {
  readonly title: string;
  readonly description?: string;
  readonly error_id?: string;
  readonly error_code?: string;
  readonly http_status?: string;
  readonly external_details?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Facts attached to a client error, when known. */
export interface TaxiiClientErrorInfo {
  readonly url?: string;
  readonly method?: string;
  readonly httpStatus?: number;
  readonly attempts?: number;
  readonly resource?: TaxiiErrorResource;
  readonly cause?: unknown;
}

/** Any failure of the TAXII client; `code` is stable, `message` is for people. */
export class TaxiiClientError extends AccordError<TaxiiClientErrorCode> {
  readonly url: string | undefined;
  readonly method: string | undefined;
  readonly httpStatus: number | undefined;
  readonly attempts: number | undefined;
  readonly resource: TaxiiErrorResource | undefined;

  constructor(code: TaxiiClientErrorCode, message: string, info: TaxiiClientErrorInfo = {}) {
    super(code, message, info.cause === undefined ? {} : { cause: info.cause });
    this.url = info.url;
    this.method = info.method;
    this.httpStatus = info.httpStatus;
    this.attempts = info.attempts;
    this.resource = info.resource;
  }
}

/** The client error code for an HTTP error status. */
export function codeForStatus(status: number): TaxiiClientErrorCode {
  if (status === 401) return 'TAXII_CLIENT_UNAUTHORIZED';
  if (status === 403) return 'TAXII_CLIENT_FORBIDDEN';
  if (status === 404) return 'TAXII_CLIENT_NOT_FOUND';
  return 'TAXII_CLIENT_HTTP_STATUS';
}
