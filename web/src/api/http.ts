/**
 * The console's one way to reach the JSON API: same-origin fetch with the session cookie,
 * the CSRF token echoed on every state-changing request, and `{"error": …}` answers turned
 * into ApiFailure so screens can tell "not found" from "signed out". One client is made per
 * session provider (no module state); screens get it with useApiClient().
 */
import { createContext, useContext } from 'react';
import type { ApiErrorBody } from './types.js';

/** An API answer other than 2xx (status 0: the node could not be reached). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a request may carry. */
export interface RequestInit {
  readonly method?: 'GET' | 'POST' | 'DELETE';
  readonly body?: unknown;
  readonly signal?: AbortSignal;
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

/** A client of `/api/`, holding the session's CSRF token in memory (never web storage). */
export class ApiClient {
  #csrfToken: string | null = null;

  /** `onSignedOut` is called when a request answers 401: the session ended. */
  constructor(private readonly onSignedOut: () => void) {}

  /** Remembers the token the session answer gave; writes echo it as `X-CSRF-Token`. */
  setCsrfToken(token: string | null): void {
    this.#csrfToken = token;
  }

  /** Sends a request to `/api/PATH` and parses the JSON answer (undefined for 204). */
  async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const method = init.method ?? 'GET';
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.#csrfToken) headers['x-csrf-token'] = this.#csrfToken;
    let response: Response;
    try {
      response = await fetch(`/api${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    } catch (err) {
      if (init.signal?.aborted) throw err;
      throw new ApiFailure(0, 'NETWORK', 'The node could not be reached.');
    }
    if (!response.ok) {
      const failure = await failureOf(response);
      if (response.status === 401 && path !== '/session') this.onSignedOut();
      throw failure;
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}

/** The client of the signed-in session (provided by SessionProvider). */
export const ApiClientContext = createContext<ApiClient | null>(null);

/** The API client; only inside SessionProvider. */
export function useApiClient(): ApiClient {
  const client = useContext(ApiClientContext);
  if (!client) throw new Error('useApiClient outside SessionProvider');
  return client;
}

/** A failure's message for people. */
export function messageOf(error: unknown): string {
  return error instanceof ApiFailure ? error.message : 'The node could not be reached.';
}
