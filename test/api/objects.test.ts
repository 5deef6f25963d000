/**
 * CONTRACT.md "Web console": `GET /api/objects/ID` answers the object to those who may see it
 * and 404 exactly as for an unknown id to everyone else (same status, headers and body), with
 * the accounts TAXII uses and its own JSON errors.
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TLP_V2 } from '../../src/stix/index.js';
import { basic, type Fixture, indicator, makeFixture, post } from '../taxii/support/taxii-fixture.js';

let f: Fixture;
const red = indicator({ object_marking_refs: [TLP_V2.red.id] });
const open = indicator();
const ukOnly = indicator();
const redacted = indicator({
  description: 'for the producer only',
  granular_markings: [{ marking_ref: TLP_V2.red.id, selectors: ['description'] }],
});
// One object, two versions in two collections; the newer has the finer timestamp, so a string
// comparison would pick the older one ('.500Z' sorts after '.5001Z').
const older = indicator({ modified: '2021-07-19T12:00:00.500Z', name: 'older' });
const newer = { ...older, modified: '2021-07-19T12:00:00.5001Z', name: 'newer' };

beforeAll(async () => {
  f = await makeFixture();
  for (const object of [open, red, redacted, older])
    expect((await post(f, f.shared, [object])).statusCode).toBe(202);
  for (const object of [ukOnly, newer]) expect((await post(f, f.ukOnly, [object])).statusCode).toBe(202);
});
afterAll(async () => {
  await f.close();
});

function api(url: string, authorization?: string): Promise<LightMyRequestResponse> {
  return f.app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });
}

/** Everything a client can observe of a response but the clock (the Date header). */
function observable(res: LightMyRequestResponse) {
  const { date: _clock, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: res.body };
}

describe('GET /api/objects/ID', () => {
  it('answers the object to a reader who may see it', async () => {
    const res = await api(`/api/objects/${open.id}`, basic('bob'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual(open);
  });

  it('answers a TLP:RED object to its producer', async () => {
    const res = await api(`/api/objects/${red.id}`, basic('rita'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(red);
  });

  it('a TLP:RED object of another organisation is 404 exactly as an unknown id', async () => {
    const hidden = await api(`/api/objects/${red.id}`, basic('bob'));
    const absent = await api(`/api/objects/${indicator().id}`, basic('bob'));
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual({ error: { code: 'CORE_NOT_FOUND', message: expect.any(String) } });
    expect(observable(hidden)).toEqual(observable(absent));
  });

  it('an object only in a collection the caller may not read is 404 exactly as an unknown id', async () => {
    expect((await api(`/api/objects/${ukOnly.id}`, basic('alice'))).statusCode).toBe(200);
    for (const user of ['bob', 'eve']) {
      const hidden = await api(`/api/objects/${ukOnly.id}`, basic(user));
      const absent = await api(`/api/objects/${indicator().id}`, basic(user));
      expect(hidden.statusCode).toBe(404);
      expect(observable(hidden)).toEqual(observable(absent));
    }
  });

  it('hidden and absent look alike for any id a client may send (property)', async () => {
    const hidden = observable(await api(`/api/objects/${red.id}`, basic('eve')));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('indicator', 'malware', 'identity', 'marking-definition', 'x-custom'),
        fc.uuid(),
        async (type, uuid) => {
          expect(observable(await api(`/api/objects/${type}--${uuid}`, basic('eve')))).toEqual(hidden);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('7.2.3 a granular TLP:RED marking removes the selected property for other organisations', async () => {
    expect((await api(`/api/objects/${redacted.id}`, basic('alice'))).json().description).toBe(
      'for the producer only',
    );
    const other = (await api(`/api/objects/${redacted.id}`, basic('bob'))).json();
    expect(other.id).toBe(redacted.id);
    expect(other).not.toHaveProperty('description');
  });

  it('answers the newest version among the collections the caller may read', async () => {
    expect((await api(`/api/objects/${older.id}`, basic('alice'))).json().name).toBe('newer');
    // bob reads only the shared collection, which holds the older version.
    expect((await api(`/api/objects/${older.id}`, basic('bob'))).json().name).toBe('older');
  });

  it('accepts bearer tokens like TAXII', async () => {
    const res = await api(`/api/objects/${red.id}`, `Bearer ${f.token}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(red.id);
  });
});

describe('the /api plugin: its own auth hook and JSON errors', () => {
  it('401 with the TAXII challenges and a JSON error, without or with wrong credentials', async () => {
    const wrong = `Basic ${Buffer.from('alice:not-her-password').toString('base64')}`;
    for (const authorization of [undefined, wrong]) {
      const res = await api(`/api/objects/${open.id}`, authorization);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toContain('Basic realm="accord"');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toEqual({ error: { code: 'CORE_UNAUTHENTICATED', message: expect.any(String) } });
    }
  });

  it('an unknown API URL is 401 to strangers and API_NOT_FOUND to users', async () => {
    expect((await api('/api/nothing-here')).statusCode).toBe(401);
    const res = await api('/api/nothing-here', basic('bob'));
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'API_NOT_FOUND', message: expect.any(String) } });
  });

  it('a URL Fastify cannot decode is a JSON 400 under /api and a TAXII error resource elsewhere', async () => {
    const apiRes = await api('/api/objects/%zz', basic('bob'));
    expect(apiRes.statusCode).toBe(400);
    expect(apiRes.json()).toEqual({ error: { code: 'API_BAD_REQUEST', message: expect.any(String) } });
    const taxiiRes = await api('/taxii2/%zz/', basic('bob'));
    expect(taxiiRes.statusCode).toBe(400);
    expect(taxiiRes.json().error_code).toBe('TAXII_BAD_REQUEST');
  });

  it('GET /api/peers is 403 as a JSON error to non-admins', async () => {
    const res = await api('/api/peers', basic('alice'));
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: { code: 'CORE_FORBIDDEN', message: expect.any(String) } });
  });

  it('TAXII keeps its error resources: the API handler does not answer for /taxii2', async () => {
    const res = await f.app.inject({
      method: 'GET',
      url: '/taxii2/',
      headers: { accept: 'application/taxii+json;version=2.1' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toBe('application/taxii+json;version=2.1');
    expect(res.json()).toMatchObject({ error_code: 'CORE_UNAUTHENTICATED', http_status: '401' });
    const missing = await api('/taxii2/no-such-root/');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toBe('application/taxii+json;version=2.1');
    expect(missing.json()).toMatchObject({ error_code: 'TAXII_NOT_FOUND', http_status: '404' });
    expect((await api('/elsewhere')).json()).toMatchObject({ error_code: 'TAXII_NOT_FOUND' });
  });
});
