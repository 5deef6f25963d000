/** TAXII 2.1 section 5.1 and 5.2: collections, with can_read / can_write per caller. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, get, makeFixture, TAXII } from './support/taxii-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(async () => {
  await f.close();
});

describe('5.1 get collections', () => {
  it('5.1 lists only collections the caller may read or write, with its permissions', async () => {
    const res = await get(f, '/taxii2/api/collections/', 'bob');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(TAXII);
    const byId = new Map(res.json().collections.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(f.shared)).toMatchObject({ can_read: true, can_write: true, title: 'Shared' });
    expect(byId.get(f.frRead)).toMatchObject({ can_read: true, can_write: false });
    expect(byId.has(f.ukOnly)).toBe(false);
  });

  it('5.2.1 can_read and can_write reflect the caller: a reader role never writes', async () => {
    const alice = (await get(f, `/taxii2/api/collections/${f.frRead}/`, 'alice')).json();
    expect(alice).toMatchObject({ can_read: false, can_write: true });
    const rita = (await get(f, `/taxii2/api/collections/${f.shared}/`, 'rita')).json();
    expect(rita).toMatchObject({ can_read: true, can_write: false });
  });

  it('5.1.1 an organisation with no collection gets an empty object', async () => {
    // eve's organisation reads only the shared collection.
    const res = await get(f, '/taxii2/api/collections/', 'eve');
    expect(res.json().collections.map((c: { id: string }) => c.id)).toEqual([f.shared]);
  });

  it('3.3 collections come in a consistent order', async () => {
    const a = (await get(f, '/taxii2/api/collections/')).json();
    const b = (await get(f, '/taxii2/api/collections/')).json();
    expect(a).toEqual(b);
  });
});

describe('5.2 get a collection', () => {
  it('5.2 returns the collection resource with media_types', async () => {
    const res = await get(f, `/taxii2/api/collections/${f.shared}/`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: f.shared,
      title: 'Shared',
      can_read: true,
      can_write: true,
      media_types: ['application/stix+json;version=2.1'],
    });
  });

  it('5.2 an unknown collection and one the caller cannot access are both 404', async () => {
    const unknown = await get(f, '/taxii2/api/collections/00000000-0000-4000-8000-000000000000/');
    const hidden = await get(f, `/taxii2/api/collections/${f.ukOnly}/`, 'bob');
    expect(unknown.statusCode).toBe(404);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error_code).toBe(unknown.json().error_code);
  });
});
