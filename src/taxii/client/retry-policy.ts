/** When and how long the client waits before trying a request again. */

/** Retry settings; every field has a documented default. */
export interface RetryOptions {
  /** Attempts in all, first one included (default 5; 1 disables retries). */
  readonly maxAttempts?: number;
  /** Base of the exponential backoff, in ms (default 200). */
  readonly baseDelayMs?: number;
  /** Ceiling of one backoff delay, in ms (default 10,000). */
  readonly maxDelayMs?: number;
  /** Ceiling of a server's `Retry-After`, in ms (default 60,000); longer values are cut to it. */
  readonly maxRetryAfterMs?: number;
}

/** RetryOptions with the defaults filled in. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
}

/** Fills the defaults of RetryOptions. */
export function retryPolicy(opts: RetryOptions = {}): RetryPolicy {
  return {
    maxAttempts: Math.max(1, Math.floor(opts.maxAttempts ?? 5)),
    baseDelayMs: Math.max(0, opts.baseDelayMs ?? 200),
    maxDelayMs: Math.max(0, opts.maxDelayMs ?? 10_000),
    maxRetryAfterMs: Math.max(0, opts.maxRetryAfterMs ?? 60_000),
  };
}

/** Statuses worth another try: the server was busy or failed transiently (429, 408, 500, 502-504). */
export function isRetryableStatus(status: number): boolean {
  return (
    status === 408 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504
  );
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1): "full jitter" exponential
 * backoff, a uniform draw in [0, min(max, base * 2^(attempt-1))], so that many clients retrying
 * together spread out.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.floor(random() * ceiling);
}

/**
 * Parses a `Retry-After` header (RFC 9110 section 10.2.3): delay-seconds or an HTTP-date.
 * Returns the wait in ms (>= 0), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d{1,10}$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Sleeps `ms`, ending early (rejecting with the signal's reason) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
