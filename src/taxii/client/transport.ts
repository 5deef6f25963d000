/**
 * One HTTP exchange with a TAXII server: auth header, TAXII media types, per-attempt timeout,
 * bounded body, and retries with exponential backoff and jitter on 408/429/5xx and network
 * errors, honouring `Retry-After`. Uses the global fetch (or one given), TLS verified by default.
 */
import { type DuplicateKey, type InputLimits, inputLimits, readJsonDocument } from '../../stix/index.js';
import { codeForStatus, TaxiiClientError } from './errors.js';
import { isTaxiiJson, TAXII_MEDIA_TYPE } from './media-types.js';
import { parseErrorResource } from './parse-resources.js';
import {
  backoffDelay,
  isRetryableStatus,
  parseRetryAfter,
  type RetryOptions,
  type RetryPolicy,
  retryPolicy,
  sleep,
} from './retry-policy.js';
import { checkUrl } from './urls.js';

/** HTTP Basic (RFC 7617, TAXII 2.1 section 1.6.9) or bearer-token credentials. */
export type TaxiiAuth = { readonly username: string; readonly password: string } | { readonly token: string };

/** What a retry looked like, for logging. */
export interface RetryNotice {
  readonly url: string;
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

/** Transport settings; all optional, with documented defaults. */
export interface TransportOptions {
  readonly auth?: TaxiiAuth;
  /** Per-attempt timeout, headers and body included, in ms (default 30,000). */
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
  /** Largest response body accepted, in bytes (default 64 MiB). */
  readonly maxResponseBytes?: number;
  /** Depth and key limits of a response body (default DEFAULT_INPUT_LIMITS of accord/stix). */
  readonly inputLimits?: Partial<InputLimits>;
  readonly userAgent?: string;
  /** Allow plain HTTP to hosts other than loopback (default false: credentials need TLS). */
  readonly allowInsecureHttp?: boolean;
  /** PEM CA certificate(s) to trust instead of the system roots (private PKI, tests). */
  readonly trustedCa?: string | readonly string[];
  /** A fetch implementation (default: the global fetch). */
  readonly fetch?: typeof fetch;
  /** Source of jitter in [0, 1) (default Math.random). */
  readonly random?: () => number;
  readonly onRetry?: (notice: RetryNotice) => void;
}

/** A parsed response: status, headers and the JSON body (undefined when empty). */
export interface TaxiiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  /** The objects of an envelope body (by index) whose text has a key twice (STIX 2.1 section 2.3). */
  readonly duplicateKeys?: ReadonlyMap<number, DuplicateKey>;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

function causeCode(err: unknown): string {
  let e: unknown = err;
  for (let i = 0; i < 4 && typeof e === 'object' && e !== null; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return '';
}

function authHeader(auth: TaxiiAuth): string {
  if ('token' in auth) return `Bearer ${auth.token}`;
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
}

/** Sends TAXII requests with retries; one instance per client. */
export class HttpTransport {
  readonly #opts: TransportOptions;
  readonly #policy: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #maxBytes: number;
  readonly #limits: InputLimits;
  #dispatcher: Promise<object> | undefined;

  constructor(opts: TransportOptions = {}) {
    this.#opts = opts;
    this.#policy = retryPolicy(opts.retry);
    this.#timeoutMs = opts.timeoutMs ?? 30_000;
    this.#maxBytes = opts.maxResponseBytes ?? 64 * 1024 * 1024;
    this.#limits = inputLimits(opts.inputLimits);
  }

  /** Sends one request (retrying as configured) and returns a 2xx response, or throws TaxiiClientError. */
  async request(
    method: string,
    url: string,
    init: { body?: unknown; signal?: AbortSignal } = {},
  ): Promise<TaxiiResponse> {
    checkUrl(url, this.#opts.allowInsecureHttp ?? false);
    const headers: Record<string, string> = {
      accept: TAXII_MEDIA_TYPE,
      'user-agent': this.#opts.userAgent ?? 'accord-taxii-client/0.1',
    };
    if (this.#opts.auth) headers.authorization = authHeader(this.#opts.auth);
    let payload: string | undefined;
    if (init.body !== undefined) {
      headers['content-type'] = TAXII_MEDIA_TYPE;
      payload = JSON.stringify(init.body);
    }
    const random = this.#opts.random ?? Math.random;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(method, url, headers, payload, init.signal, attempt);
      if (outcome.kind === 'done') return outcome.response;
      if (attempt >= this.#policy.maxAttempts) throw outcome.error;
      const delayMs =
        outcome.retryAfterMs !== undefined
          ? Math.min(outcome.retryAfterMs, this.#policy.maxRetryAfterMs)
          : backoffDelay(this.#policy, attempt, random);
      this.#opts.onRetry?.({ url, attempt, delayMs, reason: outcome.error.message });
      try {
        await sleep(delayMs, init.signal);
      } catch (cause) {
        throw new TaxiiClientError('TAXII_CLIENT_ABORTED', `${method} ${url}: aborted`, {
          url,
          method,
          cause,
        });
      }
    }
  }

  async #attempt(
    method: string,
    url: string,
    headers: Record<string, string>,
    payload: string | undefined,
    callerSignal: AbortSignal | undefined,
    attempt: number,
  ): Promise<
    | { kind: 'done'; response: TaxiiResponse }
    | { kind: 'retry'; error: TaxiiClientError; retryAfterMs?: number }
  > {
    const info = { url, method, attempts: attempt };
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
    const where = `${method} ${url}`;
    try {
      const fetchImpl = this.#opts.fetch ?? fetch;
      const reqInit: Record<string, unknown> = { method, headers, signal };
      if (payload !== undefined) reqInit.body = payload;
      // `dispatcher` is undici's extension of RequestInit (Node's fetch); see tls-dispatcher.ts.
      if (this.#opts.trustedCa !== undefined) reqInit.dispatcher = await this.#trustingDispatcher();
      const res = await fetchImpl(url, reqInit as RequestInit);
      const bytes = await readBounded(res, this.#maxBytes, where);
      if (res.status >= 200 && res.status < 300) {
        if (bytes.length === 0)
          return { kind: 'done', response: { status: res.status, headers: res.headers, body: undefined } };
        if (!isTaxiiJson(res.headers.get('content-type'))) {
          throw new TaxiiClientError(
            'TAXII_CLIENT_BAD_MEDIA_TYPE',
            `${where}: answered ${res.headers.get('content-type') ?? 'no Content-Type'}, expected ${TAXII_MEDIA_TYPE}`,
            info,
          );
        }
        // Strict UTF-8, bounded depth and keys, then JSON.parse: the peer is as untrusted as a POST.
        const document = readJsonDocument(bytes, this.#limits);
        if (!document.ok) {
          throw new TaxiiClientError(
            'TAXII_CLIENT_BAD_RESPONSE',
            `${where}: ${document.problem.message}`,
            info,
          );
        }
        const { value: body, duplicates } = document;
        // JSON.parse keeps the last of two equal keys, where the peer may have meant the first.
        if (duplicates?.envelope !== undefined) {
          throw new TaxiiClientError(
            'TAXII_CLIENT_BAD_RESPONSE',
            `${where}: the response has the key ${duplicates.envelope.key} twice (${duplicates.envelope.where})`,
            info,
          );
        }
        const response = { status: res.status, headers: res.headers, body };
        return {
          kind: 'done',
          response: duplicates === undefined ? response : { ...response, duplicateKeys: duplicates.objects },
        };
      }
      // An error body is only quoted in a message: decoded leniently.
      const resource = parseErrorResource(safeJson(bytes.toString('utf8')));
      const error = new TaxiiClientError(
        codeForStatus(res.status),
        `${where}: HTTP ${res.status}${resource ? ` ${resource.title}${resource.description ? `: ${resource.description}` : ''}` : ''}`,
        { ...info, httpStatus: res.status, ...(resource ? { resource } : {}) },
      );
      if (!isRetryableStatus(res.status)) throw error;
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), Date.now());
      return retryAfterMs === undefined ? { kind: 'retry', error } : { kind: 'retry', error, retryAfterMs };
    } catch (err) {
      if (err instanceof TaxiiClientError) throw err;
      if (callerSignal?.aborted) {
        throw new TaxiiClientError('TAXII_CLIENT_ABORTED', `${where}: aborted`, { ...info, cause: err });
      }
      if (timeout.aborted) {
        const error = new TaxiiClientError(
          'TAXII_CLIENT_TIMEOUT',
          `${where}: no answer within ${this.#timeoutMs} ms`,
          {
            ...info,
            cause: err,
          },
        );
        return { kind: 'retry', error };
      }
      const code = causeCode(err);
      if (TLS_CODES.test(code)) {
        throw new TaxiiClientError('TAXII_CLIENT_TLS', `${where}: TLS verification failed (${code})`, {
          ...info,
          cause: err,
        });
      }
      const error = new TaxiiClientError(
        'TAXII_CLIENT_NETWORK',
        `${where}: ${code || (err as Error).message}`,
        {
          ...info,
          cause: err,
        },
      );
      return { kind: 'retry', error };
    }
  }

  #trustingDispatcher(): Promise<object> {
    if (this.#dispatcher === undefined) {
      const ca = this.#opts.trustedCa as string | readonly string[];
      this.#dispatcher = import('./tls-dispatcher.js').then((m) => m.dispatcherTrusting(ca));
    }
    return this.#dispatcher;
  }
}

async function readBounded(res: Response, maxBytes: number, where: string): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new TaxiiClientError(
      'TAXII_CLIENT_TOO_LARGE',
      `${where}: response of ${declared} bytes exceeds ${maxBytes}`,
    );
  }
  if (res.body === null) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new TaxiiClientError('TAXII_CLIENT_TOO_LARGE', `${where}: response exceeds ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
