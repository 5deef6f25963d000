/** TAXII 2.1 sections 5.4 and 5.5 with 3.4, 3.5, 3.7, 4.3: objects, filters, paging, status. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basic,
  type Fixture,
  get,
  indicator,
  makeFixture,
  malware,
  objectsUrl,
  post,
  TAXII,
} from './support/taxii-fixture.js';

const TIMESTAMP_US = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
let f: Fixture;
let collection: string;
const ind1 = indicator();
const ind1v2 = { ...ind1, modified: '2021-07-20T12:00:00.000Z', name: 'second version' };
const ind1v3 = { ...ind1, modified: '2021-07-21T12:00:00.000Z', name: 'third version' };
const mal = malware();
const ind2 = indicator();

beforeAll(async () => {
  f = await makeFixture({ maxContentLength: 64 * 1024 });
  collection = f.shared;
  for (const batch of [[ind1], [mal, ind1v2], [ind2], [ind1v3]]) {
    const res = await post(f, collection, batch);
    expect(res.statusCode).toBe(202);
  }
});
afterAll(async () => {
  await f.close();
});

const ids = (body: { objects?: { id: string }[] }) => (body.objects ?? []).map((o) => o.id);

describe('5.5 add objects', () => {
  it('5.5 answers 202 with a complete status listing successes', async () => {
    const obj = indicator();
    const res = await post(f, collection, [obj]);
    expect(res.statusCode).toBe(202);
    expect(res.headers['content-type']).toBe(TAXII);
    expect(res.json()).toMatchObject({
      status: 'complete',
      total_count: 1,
      success_count: 1,
      successes: [{ id: obj.id, version: obj.modified }],
      failure_count: 0,
      pending_count: 0,
    });
    expect(res.json().request_timestamp).toMatch(TIMESTAMP_US);
  });

  it('5.5 reports each invalid object in failures with its message, storing the valid ones', async () => {
    const good = indicator();
    const { created: _omit, ...bad } = indicator();
    const res = await post(f, collection, [bad, good, { type: 'indicator' }]);
    const body = res.json();
    expect(body).toMatchObject({ total_count: 3, success_count: 1, failure_count: 2 });
    expect(body.failures[0]).toMatchObject({ id: bad.id, message: expect.stringMatching(/created/) });
    expect((await get(f, objectsUrl(collection, `${good.id}/`))).statusCode).toBe(200);
    expect((await get(f, objectsUrl(collection, `${bad.id}/`))).statusCode).toBe(404);
  });

  it('5.5 an object with a key twice is a failure (STIX 2.1 section 2.3): JSON.parse would keep only the last', async () => {
    const clear = 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487';
    const red = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
    const good = indicator();
    const twice = indicator();
    // Readers that keep the first of two keys would see TLP:RED, JSON.parse keeps TLP:CLEAR.
    const text = JSON.stringify(twice).replace(
      /}$/,
      `,"object_marking_refs":["${red}"],"object_marking_refs":["${clear}"]}`,
    );
    const res = await f.app.inject({
      method: 'POST',
      url: objectsUrl(collection),
      headers: { accept: TAXII, 'content-type': TAXII, authorization: basic('alice') },
      payload: `{"objects": [${JSON.stringify(good)},\n ${text}]}`,
    });
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body).toMatchObject({ total_count: 2, success_count: 1, failure_count: 1 });
    expect(body.failures[0]).toMatchObject({
      id: twice.id,
      message:
        '/objects/1: the key "object_marking_refs" appears twice in this object (line 2, column 375); keys must be unique (STIX 2.1 section 2.3)',
    });
    expect((await get(f, objectsUrl(collection, `${twice.id}/`))).statusCode).toBe(404);
    expect((await get(f, objectsUrl(collection, `${good.id}/`))).statusCode).toBe(200);
  });

  it('5.5 an envelope with a key twice is refused whole (422): which objects were meant is unknowable', async () => {
    const [a, b] = [indicator(), indicator()];
    const res = await f.app.inject({
      method: 'POST',
      url: objectsUrl(collection),
      headers: { accept: TAXII, 'content-type': TAXII, authorization: basic('alice') },
      payload: `{"objects":[${JSON.stringify(a)}],"objects":[${JSON.stringify(b)}]}`,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().title).toBeDefined();
    expect(JSON.stringify(res.json())).toMatch(/"objects\\" twice/);
    for (const o of [a, b]) expect((await get(f, objectsUrl(collection, `${o.id}/`))).statusCode).toBe(404);
  });

  it('5.5 an exact duplicate is not an error', async () => {
    const res = await post(f, collection, [ind2]);
    expect(res.json()).toMatchObject({ success_count: 1, failure_count: 0 });
  });

  it('5.5 a different object with the same id and version is a failure', async () => {
    const res = await post(f, collection, [{ ...ind2, name: 'changed without a new modified' }]);
    expect(res.json()).toMatchObject({ success_count: 0, failure_count: 1 });
  });

  it('5.5 a Content-Type that is not TAXII is 415', async () => {
    for (const type of ['application/json', 'text/plain', 'application/taxii+json;version=2.0']) {
      const res = await f.app.inject({
        method: 'POST',
        url: objectsUrl(collection),
        headers: { accept: TAXII, 'content-type': type, authorization: basic('alice') },
        payload: JSON.stringify({ objects: [indicator()] }),
      });
      expect(res.statusCode, type).toBe(415);
      expect(res.json().http_status).toBe('415');
    }
  });

  it('4.2.1 a body over max_content_length is 413', async () => {
    const big = Array.from({ length: 200 }, () => indicator({ description: 'x'.repeat(400) }));
    const res = await post(f, collection, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().http_status).toBe('413');
  });

  it('5.5 a body that is not JSON is 400, one that is not an envelope is 422', async () => {
    const headers = { accept: TAXII, 'content-type': TAXII, authorization: basic('alice') };
    const notJson = await f.app.inject({
      method: 'POST',
      url: objectsUrl(collection),
      headers,
      payload: '{"objects": [',
    });
    expect(notJson.statusCode).toBe(400);
    const notEnvelope = await f.app.inject({
      method: 'POST',
      url: objectsUrl(collection),
      headers,
      payload: '[1,2]',
    });
    expect(notEnvelope.statusCode).toBe(422);
  });

  it('5.5 writing without can_write is 403 when the collection is readable, 404 when not', async () => {
    expect((await post(f, f.frRead, [indicator()], 'bob')).statusCode).toBe(403);
    expect((await post(f, f.shared, [indicator()], 'rita')).statusCode).toBe(403);
    expect((await post(f, f.ukOnly, [indicator()], 'bob')).statusCode).toBe(404);
  });
});

describe('4.3 get status', () => {
  it('4.3 the status of a POST can be read back by its organisation only', async () => {
    // New versions, an exact duplicate and an invalid object: the status lists each as it was.
    const posted = (
      await post(f, collection, [indicator(), ind2, { type: 'indicator' }, indicator()])
    ).json();
    expect(posted).toMatchObject({ success_count: 3, failure_count: 1 });
    const own = await get(f, `/taxii2/api/status/${posted.id}/`, 'rita');
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual(posted);
    expect((await get(f, `/taxii2/api/status/${posted.id}/`, 'bob')).statusCode).toBe(404);
    expect((await get(f, '/taxii2/api/status/00000000-0000-4000-8000-000000000000/')).statusCode).toBe(404);
  });
});

describe('5.4 get objects', () => {
  it('5.4 returns an envelope in date_added order with the date headers at µs precision', async () => {
    const res = await get(f, objectsUrl(collection, '?match[id]=' + [ind1.id, mal.id, ind2.id].join(',')));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(TAXII);
    expect(ids(res.json())).toEqual([mal.id, ind2.id, ind1.id]);
    expect(res.headers['x-taxii-date-added-first']).toMatch(TIMESTAMP_US);
    expect(res.headers['x-taxii-date-added-last']).toMatch(TIMESTAMP_US);
    expect(
      String(res.headers['x-taxii-date-added-first']) < String(res.headers['x-taxii-date-added-last']),
    ).toBe(true);
  });

  it('3.4.1 without match[version] only the latest version of each object is returned', async () => {
    const body = (await get(f, objectsUrl(collection, `?match[id]=${ind1.id}`))).json();
    expect(body.objects.map((o: { modified: string }) => o.modified)).toEqual([ind1v3.modified]);
  });

  it('3.4.1 match[version] accepts all, first, last and exact timestamps in a comma list', async () => {
    const q = (v: string) => get(f, objectsUrl(collection, `?match[id]=${ind1.id}&match[version]=${v}`));
    const versions = async (v: string) =>
      ((await q(v)).json().objects ?? []).map((o: { modified: string }) => o.modified).sort();
    expect(await versions('all')).toEqual([ind1.modified, ind1v2.modified, ind1v3.modified]);
    expect(await versions('first')).toEqual([ind1.modified]);
    expect(await versions('last')).toEqual([ind1v3.modified]);
    expect(await versions('first,last')).toEqual([ind1.modified, ind1v3.modified]);
    expect(await versions(ind1v2.modified)).toEqual([ind1v2.modified]);
    expect(await versions(`first,${ind1v2.modified}`)).toEqual([ind1.modified, ind1v2.modified]);
  });

  it('3.4 match[type] accepts a comma list', async () => {
    const only = (await get(f, objectsUrl(collection, '?match[type]=malware'))).json();
    expect(ids(only)).toEqual([mal.id]);
    const both = (await get(f, objectsUrl(collection, '?match[type]=malware,indicator&limit=1000'))).json();
    expect(ids(both)).toEqual(expect.arrayContaining([mal.id, ind1.id, ind2.id]));
    expect(ids(both).length).toBeGreaterThan(3);
  });

  it('3.4 match[id] accepts a comma list', async () => {
    const body = (await get(f, objectsUrl(collection, `?match[id]=${mal.id},${ind2.id}`))).json();
    expect(ids(body).sort()).toEqual([mal.id, ind2.id].sort());
  });

  it('3.4.1 match[spec_version] filters by specification version', async () => {
    const v21 = (await get(f, objectsUrl(collection, `?match[id]=${mal.id}&match[spec_version]=2.1`))).json();
    expect(ids(v21)).toEqual([mal.id]);
    const v20 = (await get(f, objectsUrl(collection, `?match[id]=${mal.id}&match[spec_version]=2.0`))).json();
    expect(v20).toEqual({});
  });

  it('3.4 added_after returns only entries added strictly later', async () => {
    const all = await get(f, objectsUrl(collection, `?match[id]=${mal.id},${ind2.id}`));
    const first = all.headers['x-taxii-date-added-first'] as string;
    const after = (
      await get(f, objectsUrl(collection, `?match[id]=${mal.id},${ind2.id}&added_after=${first}`))
    ).json();
    expect(ids(after)).toEqual([ind2.id]);
  });

  it('3.5 limit, more and next page through everything exactly once', async () => {
    const everything = ids((await get(f, objectsUrl(collection, '?limit=1000&match[version]=all'))).json());
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const query = `?limit=2&match[version]=all${next ? `&next=${encodeURIComponent(next)}` : ''}`;
      const body = (await get(f, objectsUrl(collection, query))).json();
      expect((body.objects ?? []).length).toBeLessThanOrEqual(2);
      seen.push(...ids(body));
      next = body.more ? body.next : undefined;
      if (body.more) expect(typeof body.next).toBe('string');
      pages++;
    } while (next && pages < 100);
    expect(seen).toEqual(everything);
    expect(pages).toBe(Math.ceil(everything.length / 2));
  });

  it('3.5 paging with added_after and X-TAXII-Date-Added-Last also covers everything', async () => {
    const everything = ids((await get(f, objectsUrl(collection, '?limit=1000&match[version]=all'))).json());
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 100; i++) {
      const res = await get(
        f,
        objectsUrl(collection, `?limit=3&match[version]=all${after ? `&added_after=${after}` : ''}`),
      );
      seen.push(...ids(res.json()));
      if (!res.json().more) break;
      after = res.headers['x-taxii-date-added-last'] as string;
    }
    expect(seen).toEqual(everything);
  });

  it('3.4 a limit above the server maximum is lowered, with more set', async () => {
    const body = (await get(f, objectsUrl(collection, '?limit=999999999'))).json();
    expect(body.objects.length).toBeGreaterThan(0);
  });

  it('3.4 malformed query parameters are 400', async () => {
    const bad = [
      '?limit=0',
      '?limit=-1',
      '?limit=abc',
      '?added_after=yesterday',
      '?added_after=2021-07-19T00:00:00Z&added_after=2021-07-20T00:00:00Z',
      '?match[version]=all,first',
      '?match[version]=last,last',
      '?match[version]=2021-13-01T00:00:00Z',
      '?match[type]=Indicator',
      '?match[type]=indicator,',
      '?match[id]=not-an-id',
      '?match[spec_version]=two',
      '?next=garbage',
      '?match[type]=indicator&match[type]=malware',
    ];
    for (const q of bad) {
      const res = await get(f, objectsUrl(collection, q));
      expect(res.statusCode, q).toBe(400);
      expect(res.json().http_status, q).toBe('400');
    }
  });

  it('3.4 unknown match fields are ignored', async () => {
    const res = await get(f, objectsUrl(collection, '?match[colour]=blue'));
    expect(res.statusCode).toBe(200);
  });

  it('3.7 an empty result is an empty envelope without date headers', async () => {
    const res = await get(f, objectsUrl(collection, '?match[type]=campaign'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({});
    expect(res.headers['x-taxii-date-added-first']).toBeUndefined();
  });

  it('1.6.8 the objects endpoint also accepts application/stix+json', async () => {
    const res = await get(f, objectsUrl(collection), 'alice', 'application/stix+json;version=2.1');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/stix+json;version=2.1');
  });

  it('5.4 reading without can_read is 403 when writable, 404 when not accessible at all', async () => {
    expect((await get(f, objectsUrl(f.frRead), 'alice')).statusCode).toBe(403);
    expect((await get(f, objectsUrl(f.ukOnly), 'bob')).statusCode).toBe(404);
    expect((await get(f, objectsUrl(f.ukOnly), 'alice')).statusCode).toBe(200);
  });
});
