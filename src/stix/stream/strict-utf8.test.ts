import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StixError, streamObjects } from '../index.js';
import { lineColumnOf, Utf8Stream, utf8Problem } from './strict-utf8.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const ascii = (s: string) => [...Buffer.from(s, 'latin1')];

/** Ill-formed sequences of Unicode Table 3-7, each with the reason reported. */
const ILL_FORMED: readonly (readonly [string, number[], RegExp])[] = [
  ['overlong "/" (C0 AF)', [0xc0, 0xaf], /overlong/],
  ['overlong NUL (C1 80)', [0xc1, 0x80], /overlong/],
  ['overlong 3-byte (E0 80 AF)', [0xe0, 0x80, 0xaf], /overlong/],
  ['overlong 4-byte (F0 80 80 AF)', [0xf0, 0x80, 0x80, 0xaf], /overlong/],
  ['CESU-8 high surrogate U+D800 (ED A0 80)', [0xed, 0xa0, 0x80], /surrogate/],
  ['CESU-8 pair for U+1F600 (ED A0 BD ED B8 80)', [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80], /surrogate/],
  ['above U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80], /above U\+10FFFF/],
  ['lone continuation byte (80)', [0x80], /continuation byte/],
  ['byte never in UTF-8 (FF)', [0xff], /never occurs/],
  ['2-byte lead then ASCII (C3 41)', [0xc3, 0x41], /truncated/],
  ['3-byte sequence missing its last byte (E2 82 41)', [0xe2, 0x82, 0x41], /truncated/],
];

describe('strict UTF-8 (RFC 3629 section 4, Unicode Table 3-7)', () => {
  it.each(ILL_FORMED)('refuses %s at the offset of its first byte', (_name, seq, reason) => {
    const input = bytes(...ascii('{"a":"x'), ...seq, ...ascii('"}'));
    const problem = utf8Problem(input);
    expect(problem).toEqual({ offset: 7, reason: expect.stringMatching(reason) });
  });

  it('refuses a sequence cut off by the end of the input, and accepts it when more may follow', () => {
    expect(utf8Problem(bytes(0x41, 0xe2, 0x82))).toEqual({
      offset: 1,
      reason: expect.stringMatching(/cut off by the end/),
    });
    expect(utf8Problem(bytes(0x41, 0xe2, 0x82), 0, false)).toBeUndefined();
  });

  it('accepts every well-formed string, and agrees with the native check on any bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(utf8Problem(Buffer.from(s, 'utf8'))).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        expect(utf8Problem(b) === undefined).toBe(isUtf8(b));
      }),
    );
  });

  it('finds the same first problem however a stream is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 }),
        (b, sizes) => {
          const stream = new Utf8Stream();
          let found: number | undefined;
          for (let i = 0, k = 0; i < b.length && found === undefined; k++) {
            const n = sizes[k % sizes.length]!;
            found = stream.push(b.subarray(i, i + n))?.offset;
            i += n;
          }
          found ??= stream.finish()?.offset;
          expect(found).toBe(utf8Problem(b)?.offset);
        },
      ),
    );
  });

  it('says line and column (in bytes) of an offset', () => {
    const text = Buffer.from('{\n  "a": "é\n  x');
    expect(lineColumnOf(text, 15)).toBe('line 3, column 3');
  });
});

describe('the streaming parser refuses invalid UTF-8 instead of replacing it with U+FFFD', () => {
  async function failure(input: Uint8Array, chunk: number): Promise<StixError> {
    async function* chunks() {
      for (let i = 0; i < input.length; i += chunk) yield Buffer.from(input.subarray(i, i + chunk));
    }
    try {
      for await (const _ of streamObjects(chunks()));
    } catch (err) {
      if (err instanceof StixError) return err;
      throw err;
    }
    throw new Error('expected a StixError');
  }

  it.each(ILL_FORMED)('%s: STIX_INVALID_UTF8 with line, column and byte offset', async (_n, seq) => {
    const input = bytes(
      ...ascii('[{"type":"note"},\n {"type":"note","content":"ab'),
      ...seq,
      ...ascii('"}]'),
    );
    for (const chunk of [1, 3, 64]) {
      const err = await failure(input, chunk);
      expect(err.code).toBe('STIX_INVALID_UTF8');
      expect(err.message).toMatch(/^line 2, column 30 \(byte 47\): invalid UTF-8: /);
    }
  });

  it('a truncated sequence at the very end of the input', async () => {
    const err = await failure(bytes(...ascii('{"type":"note","x":"'), 0xf0, 0x9f), 4);
    expect(err.code).toBe('STIX_INVALID_UTF8');
    expect(err.message).toMatch(/\(byte 20\): invalid UTF-8: a multi-byte sequence cut off/);
  });
});
