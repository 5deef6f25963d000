import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  StixError,
  type StreamItem,
  type StreamOptions,
  streamObjectBatches,
  streamObjects,
  validateDocument,
  validateStream,
} from '../index.js';

/** Feeds `text` in chunks cut at the given sizes (cycled). */
async function* chunked(text: string | Buffer, sizes: readonly number[] = [7]): AsyncGenerator<Buffer> {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let i = 0;
  for (let k = 0; i < buf.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length]!);
    yield buf.subarray(i, i + n);
    i += n;
  }
}

async function collect(
  text: string | Buffer,
  sizes?: readonly number[],
  options?: StreamOptions,
): Promise<StreamItem[]> {
  const out: StreamItem[] = [];
  for await (const item of streamObjects(chunked(text, sizes), options)) out.push(item);
  return out;
}

async function failure(text: string, options?: StreamOptions): Promise<StixError> {
  try {
    await collect(text, [5], options);
  } catch (err) {
    if (err instanceof StixError) return err;
    throw err;
  }
  throw new Error('expected a StixError');
}

describe('streaming parser', () => {
  it('hands on each object of a bundle with its JSON pointer', async () => {
    const items = await collect('{"type":"bundle","id":"bundle--1","objects":[{"a":1},{"b":"}{]["}]}');
    expect(items.map((i) => [i.path, i.value])).toEqual([
      ['/objects/0', { a: 1 }],
      ['/objects/1', { b: '}{][' }],
    ]);
  });

  it('hands on the items of a top-level array and a single top-level object', async () => {
    expect((await collect('[{"a":1}, 2, "x", null]')).map((i) => [i.path, i.value])).toEqual([
      ['/0', { a: 1 }],
      ['/1', 2],
      ['/2', 'x'],
      ['/3', null],
    ]);
    expect(
      (await collect('{"type":"campaign","objects":{"0":{}},"n":[1]}')).map((i) => [i.path, i.value]),
    ).toEqual([['', { type: 'campaign', objects: { 0: {} }, n: [1] }]]);
  });

  it('parses any JSON array of objects exactly as JSON.parse, wherever the chunks are cut (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), { maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (objects, sizes, pretty) => {
          const text = JSON.stringify(
            { type: 'bundle', id: 'bundle--x', objects },
            null,
            pretty ? 2 : undefined,
          );
          const items = await collect(text, sizes);
          expect(items.map((i) => i.value)).toEqual(JSON.parse(text).objects);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('hands on the same items in lists, one non-empty list per chunk that completes any (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (objects, sizes, bundle) => {
          const text = JSON.stringify(bundle ? { type: 'bundle', id: 'bundle--x', objects } : objects);
          const batches: StreamItem[][] = [];
          for await (const batch of streamObjectBatches(chunked(text, sizes))) batches.push(batch);
          expect(batches.every((b) => b.length > 0)).toBe(true);
          expect(batches.flat()).toEqual(await collect(text, sizes));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps escaped quotes and backslashes split across chunks', async () => {
    const value = { s: 'a\\"b\\\\"c\\', t: '\\\\\\"' };
    const text = JSON.stringify([value, value]);
    for (let size = 1; size < 12; size++)
      expect((await collect(text, [size])).map((i) => i.value)).toEqual([value, value]);
  });

  it('reports malformed JSON with line and column', async () => {
    const err = await failure('{"type":"bundle",\n "objects": [\n  {"a": 1,}\n ]}');
    expect(err.code).toBe('STIX_JSON_SYNTAX');
    expect(err.message).toMatch(/^line 3, column 11: /);
  });

  it('reports a missing comma between objects with its position', async () => {
    const err = await failure('[{"a":1}\n {"b":2}]');
    expect(err.code).toBe('STIX_JSON_SYNTAX');
    expect(err.where).toBe('line 2, column 2');
  });

  it('reports truncated input', async () => {
    for (const text of ['', '{"type":"bundle","objects":[{"a":1}', '[{"a":"unterminated', '[1,']) {
      expect((await failure(text)).code).toBe('STIX_JSON_TRUNCATED');
    }
  });

  it('rejects input that is not an object or array, and data after the document', async () => {
    expect((await failure('"just a string"')).code).toBe('STIX_JSON_SYNTAX');
    expect((await failure('[{"a":1}] [')).code).toBe('STIX_JSON_SYNTAX');
  });

  it('refuses an object nested past maxDepth on its own, without crashing, and reads on', async () => {
    const deep = `[${'['.repeat(100_000)}${']'.repeat(100_000)}, {"b":2}]`;
    const items = await collect(deep, [4096]);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      path: '/0',
      value: undefined,
      refused: {
        code: 'STIX_TOO_DEEP',
        message: expect.stringMatching(/^line 1, column 101: nesting deeper than 100$/),
      },
    });
    expect(items[1]).toMatchObject({ path: '/1', value: { b: 2 } });
    expect((await collect('[[[[1]]]]', [3], { maxDepth: 3 }))[0]!.refused?.code).toBe('STIX_TOO_DEEP');
    expect(await collect('[[[1]]]', [3], { maxDepth: 3 })).toEqual([
      { value: [[1]], path: '/0', specVersion: '2.1' },
    ]);
  });

  it('refuses an object larger than maxObjectBytes on its own, keeping none of its bytes', async () => {
    const text = JSON.stringify({ type: 'bundle', objects: [{ a: 'x'.repeat(1000) }, { a: 1 }] });
    const items = await collect(text, [64], { maxObjectBytes: 500 });
    expect(items.map((i) => [i.path, i.value, i.refused?.code])).toEqual([
      ['/objects/0', undefined, 'STIX_OBJECT_TOO_LARGE'],
      ['/objects/1', { a: 1 }, undefined],
    ]);
    // The envelope's own properties are not objects: past the limit, the read ends.
    const err = await failure(JSON.stringify({ type: 'bundle', x: 'y'.repeat(1000), objects: [] }), {
      maxObjectBytes: 500,
    });
    expect(err.code).toBe('STIX_OBJECT_TOO_LARGE');
  });

  it('2.3 reports duplicate keys with their pointer and position instead of silently keeping the last', async () => {
    const items = await collect('[{"a":1},\n{"a":1,"b":{"c":1,"c":2}}]', [4]);
    expect(items[0]!.duplicateKey).toBeUndefined();
    expect(items[1]!.duplicateKey).toEqual({ pointer: '/1/b', key: '"c"', where: 'line 2, column 19' });
  });

  it('8 learns a STIX 2.0 bundle from spec_version written after objects (unit42 files)', async () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/stix/unit42/hermeticwiper.json', import.meta.url),
    );
    const items = await collect(text, [4096]);
    expect(items.length).toBe(141);
    expect(new Set(items.map((i) => i.specVersion))).toEqual(new Set(['2.0']));
  });

  it('validateStream gives the same results as validateDocument', async () => {
    for (const file of [
      'unit42/hermeticwiper.json',
      'oasis-examples/cti-stix2-json-schemas/examples/infrastructure.json',
    ]) {
      const text = readFileSync(new URL(`../../../test/fixtures/stix/${file}`, import.meta.url));
      const streamed = [];
      for await (const r of validateStream(chunked(text, [333]))) streamed.push(r);
      expect(streamed).toEqual(validateDocument(JSON.parse(text.toString('utf8'))).results);
    }
  });

  it('validateStream reports duplicate keys as errors of the object', async () => {
    const results = [];
    for await (const r of validateStream(
      chunked('[{"type":"x-a","type":"x-b","id":"x-b--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"}]'),
    ))
      results.push(r);
    expect(results[0]!.errors.map((e) => [e.code, e.path])).toEqual([['STIX_DUPLICATE_KEY', '/0']]);
  });

  it('random bytes never crash the streaming parser: they parse or give a StixError (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.json(), fc.stringMatching(/^[[\]{}",:\\ a-z0-9]*$/)),
        async (text) => {
          try {
            await collect(text, [3]);
          } catch (err) {
            expect(err).toBeInstanceOf(StixError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
