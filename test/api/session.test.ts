/**
 * Issue 17, sessions: `POST|GET|DELETE /api/session`, the session cookie's flags, CSRF-safe
 * writes and sign-in (another port of the same host is another origin), idle and absolute
 * expiry, and sessions ended by a disabled account or a changed password.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPassword, setUserDisabled } from '../../src/core/index.js';
import { buildServer } from '../../src/server/index.js';
import { asMicros } from '../../src/stix/index.js';
import { basic, type Fixture, makeFixture } from '../taxii/support/taxii-fixture.js';
import { browser, HOST, ORIGIN, signIn } from './support/browser.js';

let f: Fixture;

beforeAll(async () => {
  f = await makeFixture();
});
afterAll(async () => {
  await f.close();
});

function signInFrom(
  headers: Record<string, string>,
  payload = { username: 'alice', password: 'alice-password' },
) {
  return f.app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { host: HOST, ...headers },
    payload: JSON.stringify(payload),
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };

describe('POST /api/session', () => {
  it('signs in, answers SessionInfo and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const res = await signInFrom({ origin: ORIGIN, ...JSON_TYPE });
    expect(res.statusCode).toBe(200);
    const info = res.json();
    expect(info).toEqual({
      username: 'alice',
      role: 'editor',
      org: { id: expect.stringMatching(/^identity--/), name: expect.any(String), slug: 'uk-ncsc' },
      csrfToken: expect.stringMatching(/^[\w-]{20,}$/),
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^accord_session=[\w-]{40,}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure'); // plain HTTP here; see session-cookie.test.ts for TLS
    expect(cookie).not.toContain(info.csrfToken);
  });

  it('keeps only a hash of the secret in the store', async () => {
    const s = await signIn(f.app, 'alice');
    const secret = s.cookie.split('=')[1] as string;
    expect(await f.store.getSession(secret)).toBeUndefined();
  });

  it('refuses a sign-in from another origin, another port of the same host, or no origin at all', async () => {
    for (const headers of [
      { origin: 'https://evil.example', ...JSON_TYPE },
      { origin: 'http://localhost:8080', ...JSON_TYPE },
      { 'sec-fetch-site': 'same-site', ...JSON_TYPE },
      { ...JSON_TYPE },
    ]) {
      const res = await signInFrom(headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('API_CROSS_ORIGIN');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect((await signInFrom({ 'sec-fetch-site': 'same-origin', ...JSON_TYPE })).statusCode).toBe(200);
  });

  it('accepts credentials only as JSON, never as a form or text/plain (no preflight for those)', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await signInFrom({ origin: ORIGIN, 'content-type': type });
      expect(res.statusCode).toBe(415);
      expect(res.json().error.code).toBe('API_UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('refuses wrong credentials with 401 and no cookie, and throttles repeated failures like TAXII', async () => {
    const wrong = { username: 'mallory', password: 'nope' };
    const res = await signInFrom({ origin: ORIGIN, ...JSON_TYPE }, wrong);
    expect(res.statusCode).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    let last = res;
    for (let i = 0; i < 6; i++) last = await signInFrom({ origin: ORIGIN, ...JSON_TYPE }, wrong);
    expect(last.statusCode).toBe(429);
    expect(last.headers['retry-after']).toBeDefined();
  });

  it('refuses a malformed body with 400', async () => {
    const res = await signInFrom({ origin: ORIGIN, ...JSON_TYPE }, { username: 'alice' } as never);
    expect(res.statusCode).toBe(400);
  });
});

describe('the session cookie on other requests', () => {
  it('authenticates reads, and GET /api/session answers the same SessionInfo', async () => {
    const s = await signIn(f.app, 'bob');
    const res = await browser(f.app, s, 'GET', '/api/session');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'bob', csrfToken: s.csrfToken, org: { slug: 'fr-anssi' } });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(
      (await browser(f.app, s, 'GET', '/api/objects/indicator--00000000-0000-4000-8000-000000000000'))
        .statusCode,
    ).toBe(404);
  });

  it('a browser request without a session gets 401 without a Basic challenge (no login dialog)', async () => {
    const res = await f.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { 'sec-fetch-mode': 'cors' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBeUndefined();
    const script = await f.app.inject({ method: 'GET', url: '/api/session' });
    expect(script.headers['www-authenticate']).toMatch(/^Basic/);
  });

  it('a write needs the CSRF token and a same-origin Origin; logout then ends the session', async () => {
    const s = await signIn(f.app, 'alice');
    const del = (headers: Record<string, string>) =>
      f.app.inject({
        method: 'DELETE',
        url: '/api/session',
        headers: { host: HOST, cookie: s.cookie, ...headers },
      });
    for (const headers of [
      { origin: ORIGIN },
      { origin: ORIGIN, 'x-csrf-token': 'x'.repeat(s.csrfToken.length) },
      { 'x-csrf-token': s.csrfToken },
      { 'x-csrf-token': s.csrfToken, 'sec-fetch-site': 'same-site' },
    ]) {
      const res = await del(headers);
      expect(res.statusCode).toBe(403);
      expect(['API_CSRF', 'API_CROSS_ORIGIN']).toContain(res.json().error.code);
    }
    const other = await del({ origin: 'http://localhost:8080', 'x-csrf-token': s.csrfToken });
    expect(other.json().error.code).toBe('API_CROSS_ORIGIN');
    const out = await del({ origin: ORIGIN, 'x-csrf-token': s.csrfToken });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^accord_session=; .*Max-Age=0/);
    expect((await browser(f.app, s, 'GET', '/api/session')).statusCode).toBe(401);
  });

  it('scripts with Basic credentials need no CSRF token, but a browser on another origin is refused', async () => {
    const ok = await f.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { authorization: basic('bob') },
    });
    expect(ok.statusCode).toBe(204);
    const cross = await f.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { host: HOST, authorization: basic('bob'), origin: 'https://evil.example' },
    });
    expect(cross.statusCode).toBe(403);
  });

  it('a disabled account or a changed password ends its sessions at the next request', async () => {
    const disabled = await signIn(f.app, 'eve');
    await setUserDisabled(f.store, 'eve', true);
    expect((await browser(f.app, disabled, 'GET', '/api/session')).statusCode).toBe(401);
    await setUserDisabled(f.store, 'eve', false);
    expect((await browser(f.app, disabled, 'GET', '/api/session')).statusCode).toBe(401);

    const changed = await signIn(f.app, 'rita');
    await setPassword(f.store, 'rita', 'rita-password', { N: 1024, r: 8, p: 1 }); // same text, new hash
    expect((await browser(f.app, changed, 'GET', '/api/session')).statusCode).toBe(401);
  });

  it('a session works on every server sharing the store (no state in memory)', async () => {
    const other = buildServer({ store: f.store });
    await other.ready();
    try {
      const s = await signIn(f.app, 'alice');
      expect((await browser(other, s, 'GET', '/api/session')).json().username).toBe('alice');
      expect((await browser(other, s, 'DELETE', '/api/session')).statusCode).toBe(204);
      expect((await browser(f.app, s, 'GET', '/api/session')).statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('session expiry', () => {
  let clock = 1_800_000_000_000_000;
  let app: FastifyInstance;
  const MINUTE = 60_000_000;

  beforeAll(async () => {
    app = buildServer({
      store: f.store,
      node: { now: () => asMicros(clock), sessions: { idleMs: 10 * 60_000, absoluteMs: 60 * 60_000 } },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('ends a session left idle longer than the idle lifetime', async () => {
    const s = await signIn(app, 'bob');
    clock += 9 * MINUTE;
    expect((await browser(app, s, 'GET', '/api/session')).statusCode).toBe(200);
    clock += 9 * MINUTE; // 9 minutes after the last use: still alive
    expect((await browser(app, s, 'GET', '/api/session')).statusCode).toBe(200);
    clock += 11 * MINUTE;
    expect((await browser(app, s, 'GET', '/api/session')).statusCode).toBe(401);
  });

  it('ends a session at its absolute expiry however much it is used', async () => {
    const s = await signIn(app, 'bob');
    for (let i = 0; i < 6; i++) {
      clock += 9 * MINUTE;
      expect((await browser(app, s, 'GET', '/api/session')).statusCode).toBe(200);
    }
    clock += 7 * MINUTE; // 61 minutes after sign-in
    expect((await browser(app, s, 'GET', '/api/session')).statusCode).toBe(401);
  });
});
