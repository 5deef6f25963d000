/**
 * Where a browser request comes from (RFC 6454 origins; Fetch Metadata `Sec-Fetch-Site`). Another
 * port or scheme of the same host is another origin (CONTRACT.md "Web console"), so the test is
 * an exact comparison with the origin the request was addressed to.
 */
import type { FastifyRequest } from 'fastify';

/** The origin the request was addressed to: scheme, host and port as the Host header names them. */
function ownOrigin(request: FastifyRequest): string | undefined {
  const host = request.headers.host;
  return host === undefined ? undefined : `${request.protocol}://${host.toLowerCase()}`;
}

/** The request says it comes from this very origin (Origin, else Sec-Fetch-Site). */
export function isSameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) return origin.toLowerCase() === ownOrigin(request);
  return request.headers['sec-fetch-site'] === 'same-origin';
}

/**
 * The request says it comes from another site or origin: scripts send neither header and pass;
 * a browser sends at least one on every state-changing request.
 */
export function isCrossOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) return origin.toLowerCase() !== ownOrigin(request);
  const site = request.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

/** GET, HEAD and OPTIONS change nothing (RFC 9110 section 9.2.1); everything else must be CSRF-safe. */
export function changesState(request: FastifyRequest): boolean {
  return request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS';
}
