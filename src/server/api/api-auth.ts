/**
 * The API plugin's authentication (issue 17): an `Authorization` header (HTTP Basic or bearer,
 * for scripts) or the web console's session cookie. Every state-changing request refuses to
 * come from another origin; one authenticated by the cookie must also prove it comes from the
 * console itself: the session's CSRF token in `X-CSRF-Token` and an Origin (or Sec-Fetch-Site)
 * of the same origin. Signing in is checked the same way, minus the token it does not have yet.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { type Caller, CoreError, type WebSession } from '../../core/index.js';
import { ApiError } from './api-error-handler.js';
import { changesState, isCrossOrigin, isSameOrigin } from './same-origin.js';
import { sessionSecretOf } from './session-cookie.js';

/** Who a request is: the caller and, for a cookie, its session and secret. */
export interface Authenticated {
  readonly caller: Caller;
  readonly session?: WebSession & { readonly secret: string };
}

/** What the hook needs of the node. */
export interface AuthPort {
  authenticate(authorization: string | undefined, ip: string): Promise<Caller>;
  readonly sessions: { resume(secret: string): Promise<WebSession> };
}

/** The one route that needs no caller: signing in. */
export function isSignIn(request: FastifyRequest): boolean {
  return request.method === 'POST' && request.routeOptions.url === '/api/session';
}

function sameToken(a: string | undefined, b: string): boolean {
  if (a === undefined || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Refuses a sign-in a page of another origin could have sent (RFC 6454; only JSON bodies). */
export function checkSignIn(request: FastifyRequest): void {
  if (!isSameOrigin(request))
    throw new ApiError(403, 'API_CROSS_ORIGIN', 'sign in from the console itself (same origin)');
  const type = request.headers['content-type'] ?? '';
  // A form or text/plain body can be sent cross-site without a preflight; JSON cannot.
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw new ApiError(415, 'API_UNSUPPORTED_MEDIA_TYPE', 'send the credentials as application/json');
}

/** Authenticates a request (not the sign-in), applying the CSRF rules above. */
export async function authenticateRequest(request: FastifyRequest, port: AuthPort): Promise<Authenticated> {
  const unsafe = changesState(request);
  if (unsafe && isCrossOrigin(request))
    throw new ApiError(403, 'API_CROSS_ORIGIN', 'state-changing requests must come from the same origin');
  const authorization = request.headers.authorization;
  if (authorization !== undefined) return { caller: await port.authenticate(authorization, request.ip) };
  const secret = sessionSecretOf(request);
  if (secret === undefined) throw new CoreError('CORE_UNAUTHENTICATED', 'authentication required');
  const session = await port.sessions.resume(secret);
  if (unsafe) {
    const header = request.headers['x-csrf-token'];
    if (
      !sameToken(typeof header === 'string' ? header : undefined, session.csrfToken) ||
      !isSameOrigin(request)
    )
      throw new ApiError(403, 'API_CSRF', 'missing or wrong X-CSRF-Token, or not from the same origin');
  }
  return { caller: session.caller, session: { ...session, secret } };
}
