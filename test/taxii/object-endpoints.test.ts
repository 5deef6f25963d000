/** TAXII 2.1 sections 5.3, 5.6, 5.7 and 5.8: manifest, one object, delete, versions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basic,
  type Fixture,
  get,
  indicator,
  makeFixture,
  objectsUrl,
  post,
  TAXII,
} from './support/taxii-fixture.js';

const TIMESTAMP_US = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
let f: Fixture;
const obj = indicator();
const objV2 = { ...obj, modified: '2021-07-20T12:00:00.000Z' };

beforeAll(async () => {
  f = await makeFixture();
  await post(f, f.shared, [obj]);
  await post(f, f.shared, [objV2]);
});
afterAll(async () => {
  await f.close();
});

function del(url: string, user: string) {
  return f.app.inject({ method: 'DELETE', url, headers: { accept: TAXII, authorization: basic(user) } });
}

describe('5.3 get object manifests', () => {
  it('5.3.1 manifest records carry id, date_added (µs), version and media_type', async () => {
    const res = await get(
      f,
      `/taxii2/api/collections/${f.shared}/manifest/?match[id]=${obj.id}&match[version]=all`,
    );
    expect(res.statusCode).toBe(200);
    const records = res.json().objects;
    expect(records).toHaveLength(2);
    for (const r of records) {
      expect(r.id).toBe(obj.id);
      expect(r.date_added).toMatch(TIMESTAMP_US);
      expect(r.media_type).toBe('application/stix+json;version=2.1');
    }
    expect(records.map((r: { version: string }) => r.version)).toEqual([obj.modified, objV2.modified]);
    expect(res.headers['x-taxii-date-added-first']).toBe(records[0].date_added);
    expect(res.headers['x-taxii-date-added-last']).toBe(records[1].date_added);
  });

  it('5.3 filters apply to the source objects (match[type])', async () => {
    const res = await get(f, `/taxii2/api/collections/${f.shared}/manifest/?match[type]=malware`);
    expect(res.json()).toEqual({});
  });
});

describe('5.6 get an object', () => {
  it('5.6 returns the latest version in an envelope with date headers', async () => {
    const res = await get(f, objectsUrl(f.shared, `${obj.id}/`));
    expect(res.statusCode).toBe(200);
    expect(res.json().objects).toEqual([objV2]);
    expect(res.headers['x-taxii-date-added-first']).toMatch(TIMESTAMP_US);
  });

  it('5.6 match[version] selects versions of the object', async () => {
    const res = await get(f, objectsUrl(f.shared, `${obj.id}/?match[version]=all`));
    expect(res.json().objects).toHaveLength(2);
    const first = await get(f, objectsUrl(f.shared, `${obj.id}/?match[version]=${obj.modified}`));
    expect(first.json().objects).toEqual([obj]);
  });

  it('5.6 an absent object is 404', async () => {
    const res = await get(f, objectsUrl(f.shared, `${indicator().id}/`));
    expect(res.statusCode).toBe(404);
    expect(res.json().http_status).toBe('404');
  });
});

describe('5.8 get object versions', () => {
  it('5.8.1 lists every version in date_added order', async () => {
    const res = await get(f, objectsUrl(f.shared, `${obj.id}/versions/`));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ versions: [obj.modified, objV2.modified] });
    expect(res.headers['x-taxii-date-added-last']).toMatch(TIMESTAMP_US);
  });

  it('5.8 limit pages the versions with more', async () => {
    const res = await get(f, objectsUrl(f.shared, `${obj.id}/versions/?limit=1`));
    expect(res.json()).toMatchObject({ more: true, versions: [obj.modified] });
  });

  it('5.8 an absent object is 404', async () => {
    expect((await get(f, objectsUrl(f.shared, `${indicator().id}/versions/`))).statusCode).toBe(404);
  });
});

describe('5.7 delete an object', () => {
  it('5.7 the permission table: no read and no write 404, one of them 403', async () => {
    const target = indicator();
    await post(f, f.frRead, [target], 'alice');
    // bob reads frRead but cannot write it: 403. eve can neither: 404.
    expect((await del(objectsUrl(f.frRead, `${target.id}/`), 'bob')).statusCode).toBe(403);
    expect((await del(objectsUrl(f.frRead, `${target.id}/`), 'eve')).statusCode).toBe(404);
    // alice writes frRead but cannot read it: 403.
    expect((await del(objectsUrl(f.frRead, `${target.id}/`), 'alice')).statusCode).toBe(403);
  });

  it('5.7 deleting one version leaves the others; deleting all makes the object 404', async () => {
    const target = indicator();
    const v2 = { ...target, modified: '2021-08-01T00:00:00.000Z' };
    await post(f, f.shared, [target, v2]);
    const one = await del(objectsUrl(f.shared, `${target.id}/?match[version]=${target.modified}`), 'alice');
    expect(one.statusCode).toBe(200);
    expect((await get(f, objectsUrl(f.shared, `${target.id}/versions/`))).json()).toEqual({
      versions: [v2.modified],
    });
    expect((await del(objectsUrl(f.shared, `${target.id}/`), 'alice')).statusCode).toBe(200);
    expect((await get(f, objectsUrl(f.shared, `${target.id}/`))).statusCode).toBe(404);
    const listed = (await get(f, objectsUrl(f.shared, `?match[id]=${target.id}`))).json();
    expect(listed).toEqual({});
  });

  it('5.7 another organisation may not delete what it did not add', async () => {
    const target = indicator();
    await post(f, f.shared, [target], 'alice');
    expect((await del(objectsUrl(f.shared, `${target.id}/`), 'bob')).statusCode).toBe(403);
    expect((await get(f, objectsUrl(f.shared, `${target.id}/`), 'bob')).statusCode).toBe(200);
  });

  it('5.7 deleting an absent object is 404', async () => {
    expect((await del(objectsUrl(f.shared, `${indicator().id}/`), 'alice')).statusCode).toBe(404);
  });
});
