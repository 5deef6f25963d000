/** A browser's view of the API for inject() tests: origin headers, the session cookie, CSRF. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** The origin inject() requests are addressed to (Host: localhost:80 over plain HTTP). */
export const ORIGIN = 'http://localhost:80';
export const HOST = 'localhost:80';

/** A signed-in browser: its cookie and CSRF token. */
export interface BrowserSession {
  readonly cookie: string;
  readonly csrfToken: string;
}

/** Signs in as a fixture user (password `${username}-password`) from the console's own origin. */
export async function signIn(app: FastifyInstance, username: string): Promise<BrowserSession> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { host: HOST, origin: ORIGIN, 'content-type': 'application/json' },
    payload: JSON.stringify({ username, password: `${username}-password` }),
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers['set-cookie']);
  return { cookie: setCookie.split(';')[0] as string, csrfToken: res.json().csrfToken };
}

/** A request from the console: cookie, same origin and, for writes, the CSRF token. */
export function browser(
  app: FastifyInstance,
  session: BrowserSession,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: {
      host: HOST,
      cookie: session.cookie,
      origin: ORIGIN,
      'sec-fetch-site': 'same-origin',
      ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrfToken }),
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
}
