/** TAXII 2.1 sections 1.6, 3.1, 3.6 and 4: discovery, API root, authentication, negotiation, errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, type Fixture, get, makeFixture, TAXII } from './support/taxii-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture({ maxContentLength: 4096 });
});
afterAll(async () => {
  await f.close();
});

describe('4.1 discovery', () => {
  it('4.1 GET /taxii2/ returns the discovery resource with api_roots and default', async () => {
    const res = await get(f, '/taxii2/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(TAXII);
    const body = res.json();
    expect(typeof body.title).toBe('string');
    expect(body.api_roots).toEqual(['/taxii2/api/']);
    expect(body.default).toBe('/taxii2/api/');
  });
});

describe('4.2 API root', () => {
  it('4.2.1 advertises the TAXII 2.1 version and max_content_length', async () => {
    const res = await get(f, '/taxii2/api/');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ versions: [TAXII], max_content_length: 4096 });
  });
});

describe('1.6.9 authentication', () => {
  it('1.6.9 a request without credentials is 401 with WWW-Authenticate for Basic and Bearer', async () => {
    const res = await f.app.inject({ method: 'GET', url: '/taxii2/', headers: { accept: TAXII } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/Basic realm=.*Bearer/);
    expect(res.json()).toMatchObject({ http_status: '401', error_code: 'CORE_UNAUTHENTICATED' });
  });

  it('1.6.9 a wrong password is 401', async () => {
    const auth = `Basic ${Buffer.from('bob:not-the-password').toString('base64')}`;
    const res = await f.app.inject({
      method: 'GET',
      url: '/taxii2/',
      headers: { accept: TAXII, authorization: auth },
    });
    expect(res.statusCode).toBe(401);
  });

  it('1.6.9 an unknown user is 401', async () => {
    const res = await get(f, '/taxii2/', 'nobody');
    expect(res.statusCode).toBe(401);
  });

  it('1.6.9 a bearer token authenticates; a tampered one does not', async () => {
    const ok = await f.app.inject({
      method: 'GET',
      url: '/taxii2/',
      headers: { accept: TAXII, authorization: `Bearer ${f.token}` },
    });
    expect(ok.statusCode).toBe(200);
    const tampered = f.token.slice(0, -1) + (f.token.endsWith('0') ? '1' : '0');
    const bad = await f.app.inject({
      method: 'GET',
      url: '/taxii2/',
      headers: { accept: TAXII, authorization: `Bearer ${tampered}` },
    });
    expect(bad.statusCode).toBe(401);
  });

  it('1.6.9 repeated failed logins are throttled with 429 and Retry-After, even with the right password, at that address only', async () => {
    const wrong = `Basic ${Buffer.from('eve:wrong-password').toString('base64')}`;
    const ip = '203.0.113.99';
    let last = 0;
    for (let i = 0; i < 6; i++) {
      const r = await f.app.inject({
        method: 'GET',
        url: '/taxii2/',
        remoteAddress: ip,
        headers: { accept: TAXII, authorization: wrong },
      });
      last = r.statusCode;
    }
    expect(last).toBe(401);
    const blocked = await f.app.inject({
      method: 'GET',
      url: '/taxii2/',
      remoteAddress: ip,
      headers: { accept: TAXII, authorization: basic('eve') },
    });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Failures elsewhere do not lock the user out (docs/security/login-throttling.md).
    const elsewhere = await f.app.inject({
      method: 'GET',
      url: '/taxii2/',
      remoteAddress: '203.0.113.100',
      headers: { accept: TAXII, authorization: basic('eve') },
    });
    expect(elsewhere.statusCode).toBe(200);
  });
});

describe('1.6.8 content negotiation', () => {
  it('1.6.8.2 Accept without the version parameter is the latest version', async () => {
    const res = await get(f, '/taxii2/', 'alice', 'application/taxii+json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(TAXII);
  });

  it('3.1 an Accept without a TAXII media range is 406 with an error resource', async () => {
    for (const accept of [
      'application/json',
      'text/html',
      'application/taxii+json;version=2.0',
      'application/taxii+json;q=0',
    ]) {
      const res = await get(f, '/taxii2/', 'alice', accept);
      expect(res.statusCode, accept).toBe(406);
      expect(res.headers['content-type']).toBe(TAXII);
      expect(res.json()).toMatchObject({ title: expect.any(String), http_status: '406' });
    }
  });

  it('3.1 a missing Accept header is 406', async () => {
    const res = await f.app.inject({
      method: 'GET',
      url: '/taxii2/',
      headers: { authorization: basic('alice') },
    });
    expect(res.statusCode).toBe(406);
  });

  it('3.1 a media range list picks the TAXII type', async () => {
    const res = await get(
      f,
      '/taxii2/',
      'alice',
      'text/html;q=0.9, application/taxii+json;version=2.1;q=0.5',
    );
    expect(res.statusCode).toBe(200);
  });
});

describe('3.6 errors', () => {
  it('3.6.1 an unknown URL is 404 with an error resource', async () => {
    const res = await get(f, '/taxii2/api/nothing-here/');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe(TAXII);
    expect(res.json()).toMatchObject({ title: 'Not found', http_status: '404' });
  });

  it('3.1 a method the endpoint does not define is 405 with Allow', async () => {
    const res = await f.app.inject({
      method: 'PUT',
      url: '/taxii2/',
      headers: { accept: TAXII, authorization: basic('alice') },
    });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toContain('GET');
    expect(res.json()).toMatchObject({ http_status: '405' });
  });

  it('3.6.1 every error resource has a title and matching http_status', async () => {
    const res = await f.app.inject({
      method: 'DELETE',
      url: '/taxii2/api/collections/',
      headers: { accept: TAXII },
    });
    expect(res.statusCode).toBe(405);
    expect(res.json().http_status).toBe('405');
  });
});

describe('server', () => {
  it('GET /healthz answers 200 without credentials', async () => {
    const res = await f.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
  });
});
