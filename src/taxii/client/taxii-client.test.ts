import { afterEach, describe, expect, it } from 'vitest';
import { TaxiiClientError } from './errors.js';
import { TaxiiClient } from './taxii-client.js';
import {
  type Reply,
  type ScriptedServer,
  type Seen,
  startScriptedServer,
} from './test-support/scripted-server.js';

const COLL = '91a7b528-80eb-42ed-a74d-c6fbd5a26116';
const servers: ScriptedServer[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()?.close();
});

async function serve(handler: (req: Seen, i: number) => Reply | Promise<Reply>): Promise<ScriptedServer> {
  const s = await startScriptedServer(handler);
  servers.push(s);
  return s;
}

function indicator(n: number): Record<string, unknown> {
  const id = `indicator--${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
  };
}

describe('TaxiiClient resources', () => {
  it('4.1 discovery sends the TAXII Accept, Basic auth and resolves relative API roots', async () => {
    const s = await serve(() => ({
      status: 200,
      body: { title: 'Node', default: '/api1/', api_roots: ['/api1/', 'https://other.example/api2/'] },
    }));
    const client = new TaxiiClient({ auth: { username: 'uk', password: 'pä:ss' } });
    const d = await client.discover(`${s.url}/taxii2`);
    expect(d.api_roots).toEqual([`${s.url}/api1/`, 'https://other.example/api2/']);
    expect(d.default).toBe(`${s.url}/api1/`);
    const req = s.seen[0]!;
    expect(req.url).toBe('/taxii2/');
    expect(req.headers.accept).toBe('application/taxii+json;version=2.1');
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('uk:pä:ss').toString('base64')}`);
  });

  it('1.6.9 bearer tokens go in the Authorization header', async () => {
    const s = await serve(() => ({
      status: 200,
      body: { title: 'r', versions: ['application/taxii+json;version=2.1'], max_content_length: 10 },
    }));
    const info = await new TaxiiClient({ auth: { token: 'tok.123' } }).apiRoot(`${s.url}/api1/`);
    expect(info.max_content_length).toBe(10);
    expect(s.seen[0]?.headers.authorization).toBe('Bearer tok.123');
  });

  it('4.1 resolveApiRoot takes the default, an API root URL as is, and refuses an ambiguous discovery', async () => {
    const s = await serve((req) => {
      if (req.url === '/taxii2/')
        return { status: 200, body: { title: 't', default: '/a/', api_roots: ['/a/', '/b/'] } };
      if (req.url === '/two/') return { status: 200, body: { title: 't', api_roots: ['/a/', '/b/'] } };
      return {
        status: 200,
        body: { title: 'root', versions: ['application/taxii+json;version=2.1'], max_content_length: 1 },
      };
    });
    const client = new TaxiiClient();
    expect(await client.resolveApiRoot(`${s.url}/taxii2/`)).toBe(`${s.url}/a/`);
    expect(await client.resolveApiRoot(`${s.url}/b`)).toBe(`${s.url}/b/`);
    await expect(client.resolveApiRoot(`${s.url}/two/`)).rejects.toMatchObject({
      code: 'TAXII_CLIENT_NO_API_ROOT',
    });
  });

  it('5.4 an envelope object with a key twice is flagged; an envelope with a key of its own twice is refused (STIX 2.1 section 2.3)', async () => {
    const twice = JSON.stringify(indicator(2)).replace(/}$/, ',"name":"first","name":"last"}');
    const s = await serve((req) =>
      req.url.includes('bad-envelope')
        ? { status: 200, raw: '{"objects":[],"more":false,"objects":[{"type":"x"}]}' }
        : { status: 200, raw: `{"more":false,"objects":[${JSON.stringify(indicator(1))},${twice}]}` },
    );
    const client = new TaxiiClient();
    const page = await client.getObjects(`${s.url}/api1/`, COLL);
    expect(page.objects).toHaveLength(2);
    expect([...(page.duplicateKeys ?? new Map()).entries()]).toEqual([
      [1, { pointer: '/objects/1', key: '"name"', where: expect.stringMatching(/^line 1, column \d+$/) }],
    ]);
    await expect(client.getObjects(`${s.url}/bad-envelope/`, COLL)).rejects.toMatchObject({
      code: 'TAXII_CLIENT_BAD_RESPONSE',
    });
  });

  it('a page that is not UTF-8, nests too deep or has too many keys is refused, never repaired', async () => {
    const ok = JSON.stringify(indicator(1));
    const s = await serve((req) => {
      if (req.url.includes('utf8'))
        return {
          status: 200,
          raw: Buffer.concat([
            Buffer.from(`{"objects":[${ok.slice(0, -1)},"name":"`),
            Buffer.from([0xed, 0xa0, 0x80]),
            Buffer.from('"}]}'),
          ]),
        };
      if (req.url.includes('deep'))
        return { status: 200, raw: `{"objects":[{"type":"x","x":${'['.repeat(5000)}${']'.repeat(5000)}}]}` };
      return {
        status: 200,
        raw: `{"objects":[${ok}],"x":{${Array.from({ length: 11 }, (_, i) => `"k${i}":1`).join(',')}}}`,
      };
    });
    const client = new TaxiiClient({ inputLimits: { maxDocumentKeys: 10 } });
    await expect(client.getObjects(`${s.url}/utf8/`, COLL)).rejects.toMatchObject({
      code: 'TAXII_CLIENT_BAD_RESPONSE',
      message: expect.stringMatching(
        /: line 1, column \d+ \(byte \d+\): invalid UTF-8: an encoded UTF-16 surrogate/,
      ),
    });
    await expect(client.getObjects(`${s.url}/deep/`, COLL)).rejects.toMatchObject({
      code: 'TAXII_CLIENT_BAD_RESPONSE',
      message: expect.stringMatching(/nests deeper than the limit of 100$/),
    });
    await expect(client.getObjects(`${s.url}/keys/`, COLL)).rejects.toMatchObject({
      code: 'TAXII_CLIENT_BAD_RESPONSE',
      message: expect.stringMatching(/more than 10 keys/),
    });
  });

  it('5.1 and 5.2 collections are listed and read', async () => {
    const c = {
      id: COLL,
      title: 'High Value',
      can_read: true,
      can_write: false,
      media_types: ['application/stix+json;version=2.1'],
    };
    const s = await serve((req) =>
      req.url === '/api1/collections/'
        ? { status: 200, body: { collections: [c] } }
        : { status: 200, body: c },
    );
    const client = new TaxiiClient();
    expect(await client.collections(`${s.url}/api1`)).toEqual([c]);
    expect(await client.collection(`${s.url}/api1/`, COLL)).toEqual(c);
    expect(s.seen.map((r) => r.url)).toEqual(['/api1/collections/', `/api1/collections/${COLL}/`]);
  });

  it('5.1 an empty collections resource is an empty list', async () => {
    const s = await serve(() => ({ status: 200, body: {} }));
    expect(await new TaxiiClient().collections(`${s.url}/api1/`)).toEqual([]);
  });

  it('3.5 objectPages follows next with the original filters', async () => {
    const s = await serve((req) => {
      const u = new URL(req.url, 'http://x');
      const next = u.searchParams.get('next');
      const page = next === null ? 0 : Number(next);
      return {
        status: 200,
        headers: {
          'x-taxii-date-added-first': `2024-01-01T00:00:0${page}.000000Z`,
          'x-taxii-date-added-last': `2024-01-01T00:00:0${page}.000000Z`,
        },
        body: { more: page < 2, ...(page < 2 ? { next: String(page + 1) } : {}), objects: [indicator(page)] },
      };
    });
    const client = new TaxiiClient();
    const seen: string[] = [];
    for await (const o of client.objects(`${s.url}/api1/`, COLL, {
      types: ['indicator', 'malware'],
      limit: 1,
      addedAfter: '2023-01-01T00:00:00Z',
    })) {
      seen.push(String(o.id));
    }
    expect(seen).toEqual([indicator(0).id, indicator(1).id, indicator(2).id]);
    const queries = s.seen.map((r) => new URL(r.url, 'http://x').searchParams);
    expect(queries.map((q) => q.get('next'))).toEqual([null, '1', '2']);
    for (const q of queries) {
      expect(q.get('match[type]')).toBe('indicator,malware');
      expect(q.get('limit')).toBe('1');
      expect(q.get('added_after')).toBe('2023-01-01T00:00:00Z');
    }
  });

  it('3.5 without next, pagination continues with added_after = X-TAXII-Date-Added-Last', async () => {
    const s = await serve((_req, i) => ({
      status: 200,
      headers: {
        'x-taxii-date-added-first': `2024-0${i + 1}-01T00:00:00Z`,
        'x-taxii-date-added-last': `2024-0${i + 1}-02T00:00:00Z`,
      },
      body: { more: i === 0, objects: [indicator(i)] },
    }));
    const pages = [];
    for await (const p of new TaxiiClient().objectPages(`${s.url}/api1/`, COLL)) pages.push(p);
    expect(pages.map((p) => p.dateAddedLast)).toEqual(['2024-01-02T00:00:00Z', '2024-02-02T00:00:00Z']);
    expect(new URL(s.seen[1]!.url, 'http://x').searchParams.get('added_after')).toBe('2024-01-02T00:00:00Z');
  });

  it('3.5 a server that never advances ends the pages with an error, not a loop', async () => {
    const s = await serve(() => ({ status: 200, body: { more: true, next: 'same', objects: [] } }));
    const run = async () => {
      for await (const _ of new TaxiiClient().objectPages(`${s.url}/api1/`, COLL)) {
        /* drain */
      }
    };
    await expect(run()).rejects.toMatchObject({ code: 'TAXII_CLIENT_BAD_RESPONSE' });
    expect(s.seen.length).toBe(2);
  });

  it('5.5 addObjects posts an envelope as TAXII JSON, and waitForStatus polls 4.3 until complete', async () => {
    const pending = {
      id: 'st-1',
      status: 'pending',
      total_count: 2,
      success_count: 0,
      failure_count: 0,
      pending_count: 2,
    };
    const done = {
      ...pending,
      status: 'complete',
      success_count: 1,
      successes: [{ id: indicator(1).id, version: '2024-01-01T00:00:00.000Z' }],
      failure_count: 1,
      failures: [{ id: indicator(2).id, version: '2024-01-01T00:00:00.000Z', message: 'invalid' }],
      pending_count: 0,
    };
    const s = await serve((req, i) => {
      if (req.method === 'POST') return { status: 202, body: pending };
      return { status: 200, body: i < 2 ? pending : done };
    });
    const client = new TaxiiClient();
    const first = await client.addObjects(`${s.url}/api1/`, COLL, [indicator(1), indicator(2)]);
    expect(first.status).toBe('pending');
    const final = await client.waitForStatus(`${s.url}/api1/`, first, { intervalMs: 1 });
    expect(final.failures).toEqual(done.failures);
    const post = s.seen[0]!;
    expect(post.headers['content-type']).toBe('application/taxii+json;version=2.1');
    expect(JSON.parse(post.body)).toEqual({ objects: [indicator(1), indicator(2)] });
    expect(s.seen.slice(1).map((r) => r.url)).toEqual(['/api1/status/st-1/', '/api1/status/st-1/']);
  });

  it('4.3 waitForStatus gives up on a status that stays pending', async () => {
    const pending = {
      id: 'st-2',
      status: 'pending',
      total_count: 1,
      success_count: 0,
      failure_count: 0,
      pending_count: 1,
    };
    const s = await serve(() => ({ status: 200, body: pending }));
    const client = new TaxiiClient();
    const first = await client.getStatus(`${s.url}/api1/`, 'st-2');
    await expect(
      client.waitForStatus(`${s.url}/api1/`, first, { intervalMs: 5, timeoutMs: 50 }),
    ).rejects.toMatchObject({
      code: 'TAXII_CLIENT_STATUS_PENDING',
    });
    expect(s.seen.length).toBeGreaterThan(1);
  });

  it('5.3 manifest, 5.6 object, 5.8 versions and 5.7 delete use their endpoints and filters', async () => {
    const id = String(indicator(1).id);
    const s = await serve((req) => {
      if (req.method === 'DELETE') return { status: 200 };
      if (req.url.includes('/manifest/')) {
        return {
          status: 200,
          body: {
            objects: [
              {
                id,
                date_added: '2024-01-01T00:00:00Z',
                version: 'v1',
                media_type: 'application/stix+json;version=2.1',
              },
            ],
          },
        };
      }
      if (req.url.includes('/versions/')) return { status: 200, body: { versions: ['v1', 'v2'] } };
      return { status: 200, body: { objects: [indicator(1)] } };
    });
    const client = new TaxiiClient();
    const root = `${s.url}/api1/`;
    expect((await client.getManifest(root, COLL, { ids: [id] })).objects[0]?.version).toBe('v1');
    expect((await client.getObject(root, COLL, id, { versions: ['all'] })).objects).toEqual([indicator(1)]);
    expect((await client.getVersions(root, COLL, id)).versions).toEqual(['v1', 'v2']);
    await client.deleteObject(root, COLL, id, { versions: ['v1'] });
    expect(s.seen.map((r) => `${r.method} ${decodeURIComponent(r.url)}`)).toEqual([
      `GET /api1/collections/${COLL}/manifest/?match[id]=${id}`,
      `GET /api1/collections/${COLL}/objects/${id}/?match[version]=all`,
      `GET /api1/collections/${COLL}/objects/${id}/versions/`,
      `DELETE /api1/collections/${COLL}/objects/${id}/?match[version]=v1`,
    ]);
  });
});

describe('TaxiiClient failures', () => {
  it('3.6 a 4xx answer fails at once with the error resource, and 401/403/404 have their own codes', async () => {
    const statuses = [400, 401, 403, 404];
    const s = await serve((_r, i) => ({
      status: statuses[i]!,
      body: { title: 'Bad filter', description: 'limit must be > 0', http_status: String(statuses[i]) },
    }));
    const client = new TaxiiClient({ retry: { baseDelayMs: 1 } });
    const codes = [];
    for (const _ of statuses) {
      const err = await client.collections(`${s.url}/api1/`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TaxiiClientError);
      codes.push((err as TaxiiClientError).code);
      if (codes.length === 1) {
        expect((err as TaxiiClientError).resource?.description).toBe('limit must be > 0');
        expect((err as TaxiiClientError).message).toContain('limit must be > 0');
      }
    }
    expect(codes).toEqual([
      'TAXII_CLIENT_HTTP_STATUS',
      'TAXII_CLIENT_UNAUTHORIZED',
      'TAXII_CLIENT_FORBIDDEN',
      'TAXII_CLIENT_NOT_FOUND',
    ]);
    expect(s.seen.length).toBe(4);
  });

  it('1.6.8 a response that is not TAXII JSON is refused', async () => {
    const s = await serve(() => ({
      status: 200,
      raw: '<html></html>',
      headers: { 'content-type': 'text/html' },
    }));
    await expect(new TaxiiClient().collections(`${s.url}/a/`)).rejects.toMatchObject({
      code: 'TAXII_CLIENT_BAD_MEDIA_TYPE',
    });
  });

  it('3.7 an envelope of the wrong shape is refused naming the property', async () => {
    const s = await serve(() => ({ status: 200, body: { more: 'yes', objects: [1] } }));
    const err = (await new TaxiiClient()
      .getObjects(`${s.url}/a/`, COLL)
      .catch((e: unknown) => e)) as TaxiiClientError;
    expect(err.code).toBe('TAXII_CLIENT_BAD_RESPONSE');
    expect(err.message).toContain('/objects/0');
  });

  it('refuses a body larger than maxResponseBytes', async () => {
    const s = await serve(() => ({
      status: 200,
      body: { objects: Array.from({ length: 200 }, (_, i) => indicator(i)) },
    }));
    await expect(
      new TaxiiClient({ maxResponseBytes: 1000 }).getObjects(`${s.url}/a/`, COLL),
    ).rejects.toMatchObject({
      code: 'TAXII_CLIENT_TOO_LARGE',
    });
  });

  it('refuses plain HTTP to a non-loopback host before sending credentials', async () => {
    const client = new TaxiiClient({ auth: { username: 'u', password: 'p' } });
    await expect(client.discover('http://taxii.example.org/taxii2/')).rejects.toMatchObject({
      code: 'TAXII_CLIENT_BAD_URL',
    });
    await expect(client.discover('ftp://127.0.0.1/')).rejects.toMatchObject({ code: 'TAXII_CLIENT_BAD_URL' });
  });
});
