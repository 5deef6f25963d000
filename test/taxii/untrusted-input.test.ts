/**
 * TAXII 2.1 section 5.5 (add objects) against a hostile client: limits on each object (size,
 * properties, values) refuse that object in the status; limits on the envelope (depth, keys)
 * and bytes that are not UTF-8 refuse the request with a TAXII error resource (section 3.6.1).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INPUT_LIMITS } from '../../src/stix/index.js';
import {
  basic,
  type Fixture,
  indicator,
  makeFixture,
  objectsUrl,
  post,
  TAXII,
} from './support/taxii-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture({ maxContentLength: 24 * 1024 * 1024 });
});
afterAll(async () => {
  await f.close();
});

function postBytes(payload: string | Buffer) {
  return f.app.inject({
    method: 'POST',
    url: objectsUrl(f.shared),
    headers: { accept: TAXII, 'content-type': TAXII, authorization: basic('alice') },
    payload,
  });
}

const errorResource = (status: number, code: string, description: RegExp) => ({
  title: expect.any(String),
  description: expect.stringMatching(description),
  error_code: code,
  http_status: String(status),
});

describe('5.5 limits on each object: the object fails in the status, the others are stored', () => {
  it('an object with 450,000 custom properties is refused without being stored', async () => {
    const big = indicator();
    for (let i = 0; i < 450_000; i++) big[`x_p${i}`] = 'v';
    const ok = indicator();
    const res = await post(f, f.shared, [big, ok]);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({
      success_count: 1,
      successes: [{ id: ok.id }],
      failure_count: 1,
      failures: [
        {
          id: big.id,
          message: expect.stringMatching(/more than 1000 properties \(the limit\)/),
        },
      ],
    });
    const read = await f.app.inject({
      method: 'GET',
      url: objectsUrl(f.shared, `?match[id]=${big.id}`),
      headers: { accept: TAXII, authorization: basic('alice') },
    });
    expect(read.json()).toEqual({});
  });

  it('an object with too many values or bytes is refused, naming the limit', async () => {
    const refs = indicator({ x_list: Array.from({ length: DEFAULT_INPUT_LIMITS.maxValues + 1 }, () => 1) });
    const huge = indicator({ description: 'x'.repeat(DEFAULT_INPUT_LIMITS.maxObjectBytes) });
    const res = await post(f, f.shared, [refs, huge]);
    expect(res.json()).toMatchObject({
      failure_count: 2,
      failures: [
        { id: refs.id, message: expect.stringMatching(/more than 200000 values/) },
        { id: huge.id, message: expect.stringMatching(/larger than the limit of 8388608 bytes/) },
      ],
    });
  });

  it('the limits leave room for real objects: ATT&CK collections and a report of 50,000 objects', async () => {
    const attack = JSON.parse(
      readFileSync(new URL('../fixtures/stix/attack-ics/ics-attack-18.1.json', import.meta.url), 'utf8'),
    ) as { objects: Record<string, unknown>[] };
    const collection = attack.objects.find((o) => o.type === 'x-mitre-collection')!;
    // Enterprise ATT&CK's collection lists about 24,000 objects: twelve times the ICS one.
    const contents = collection.x_mitre_contents as unknown[];
    const enterprise = {
      ...collection,
      id: 'x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019',
      x_mitre_contents: Array.from({ length: 12 }, () => contents).flat(),
    };
    const report = {
      type: 'report',
      spec_version: '2.1',
      id: 'report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3',
      created: '2021-07-19T12:00:00.000Z',
      modified: '2021-07-19T12:00:00.000Z',
      name: 'a long report',
      published: '2021-07-19T12:00:00Z',
      object_refs: Array.from(
        { length: 50_000 },
        (_, i) => `indicator--${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`,
      ),
    };
    const res = await post(f, f.shared, [collection, enterprise, report]);
    expect(res.json()).toMatchObject({ success_count: 3, failure_count: 0 });
  });
});

describe('5.5 limits on the envelope: a TAXII error resource (section 3.6.1), nothing stored', () => {
  it('an envelope nested 5,000 deep is 422, not a 500', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const res = await postBytes(`{"objects":[{"type":"note","x_deep":${deep}}]}`);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toBe(TAXII);
    expect(res.json()).toMatchObject(
      errorResource(
        422,
        'TAXII_TOO_DEEP',
        /^line 1, column 134: the document nests deeper than the limit of 100$/,
      ),
    );
  });

  it('the same depth limit as the CLI streaming parser: 100 levels pass, 101 do not', async () => {
    // envelope (1), objects (2), the object (3), then lists down to depth 100 or 101.
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    const at = (depth: number) => postBytes(`{"objects":[{"type":"x","x_l":${nested(depth - 3)}}]}`);
    expect((await at(100)).statusCode).toBe(202);
    expect((await at(101)).statusCode).toBe(422);
  });

  it('an envelope with more than a million keys is 413', async () => {
    const many = Array.from({ length: 200_000 }, (_, i) => `{"a${i}":1,"b":2,"c":3,"d":4,"e":5}`);
    const res = await postBytes(`{"objects":[${many.join(',')}]}`);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject(
      errorResource(413, 'TAXII_TOO_MANY_KEYS', /more than 1000000 keys \(the limit\)/),
    );
  });

  it.each([
    ['an overlong encoding', [0xc0, 0xaf], /overlong/],
    ['a CESU-8 surrogate', [0xed, 0xa0, 0x80], /surrogate/],
    ['a truncated sequence', [0xe2, 0x82], /truncated|cut off/],
  ])('a body with %s is 400 naming the byte, never stored with U+FFFD', async (_name, bad, reason) => {
    const obj = JSON.stringify(indicator({ name: 'bad:' }));
    const cut = obj.indexOf('bad:') + 4;
    const body = Buffer.concat([
      Buffer.from(`{"objects":[${obj.slice(0, cut)}`),
      Buffer.from(bad),
      Buffer.from(`${obj.slice(cut)}]}`),
    ]);
    const res = await postBytes(body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject(
      errorResource(
        400,
        'TAXII_INVALID_UTF8',
        new RegExp(`line 1, column ${13 + cut} \\(byte ${12 + cut}\\): invalid UTF-8: .*${reason.source}`),
      ),
    );
  });

  it('a body that is not JSON is 400 with the line and column of the error', async () => {
    const res = await postBytes('{"objects":[\n  {"type": "note",}]}');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject(errorResource(400, 'TAXII_INVALID_JSON', /line 2, column 19/));
  });
});
