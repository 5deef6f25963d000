/**
 * The session cookie (RFC 6265): `accord_session`, HttpOnly (scripts in the page never read
 * it), SameSite=Strict (never sent on requests other sites start), Path=/, Secure when the node
 * is served over TLS. Its value is the session's secret; the store keeps only a hash of it.
 */
import type { FastifyRequest } from 'fastify';

/** The cookie's name. */
export const SESSION_COOKIE = 'accord_session';

const SECRET = /^[A-Za-z0-9_-]{16,128}$/;

/** The session secret a request's Cookie header carries, if any well-formed one. */
export function sessionSecretOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (SECRET.test(value)) return value;
  }
  return undefined;
}

function attributes(request: FastifyRequest, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `Path=/; HttpOnly; SameSite=Strict${secure}; Max-Age=${maxAgeSeconds}`;
}

/** The Set-Cookie value that hands a new session's secret to the browser. */
export function sessionCookie(request: FastifyRequest, secret: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${secret}; ${attributes(request, Math.max(0, Math.floor(maxAgeSeconds)))}`;
}

/** The Set-Cookie value that removes the cookie (logout). */
export function clearedSessionCookie(request: FastifyRequest): string {
  return `${SESSION_COOKIE}=; ${attributes(request, 0)}`;
}
