/**
 * The console's one way to reach the JSON API: same-origin fetch with the session cookie,
 * the CSRF token echoed on every state-changing request, and `{"error": …}` answers turned
 * into ApiFailure so screens can tell "not found" from "signed out".
 */
import type { ApiErrorBody } from './types.js';

/** An API answer other than 2xx. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** Remembers the token the session answer gave; writes echo it as `X-CSRF-Token`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Listeners told when any request answers 401 (the session ended). */
const signedOutListeners = new Set<() => void>();

/** Calls `listener` whenever the API says the session is gone; returns an unsubscribe. */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

async function failureOf(response: Response): Promise<ApiFailure> {
  let code = `HTTP_${response.status}`;
  let message = response.statusText || 'request failed';
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    if (body.error) ({ code, message } = body.error);
  } catch {
    // Not JSON (a proxy's page, say): the status alone tells what happened.
  }
  return new ApiFailure(response.status, code, message);
}

/** Sends a request to `/api/…` and parses the JSON answer (undefined for 204). */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(`/api${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  if (!response.ok) {
    const failure = await failureOf(response);
    if (response.status === 401 && path !== '/session') for (const l of signedOutListeners) l();
    throw failure;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
