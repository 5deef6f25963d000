import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BIG_INTEGER_MARK, parseJsonLine } from './json-line.js';
import { RecordRejection } from './record-rejection.js';

describe('parseJsonLine: integers beyond 2^53 kept exact (issue 16, bad input)', () => {
  it('marks an integer token beyond 2^53, at any depth, and leaves everything else as JSON.parse reads it', () => {
    expect(parseJsonLine('{"a": 9007199254740993}')).toEqual({ a: `${BIG_INTEGER_MARK}9007199254740993` });
    expect(parseJsonLine('{"a": [[{"b": -123456789012345678901}]], "c": 1.5}')).toEqual({
      a: [[{ b: `${BIG_INTEGER_MARK}-123456789012345678901` }]],
      c: 1.5,
    });
    // Safe 16-digit integers, exponents and fractions are numbers, as JSON.parse reads them.
    expect(
      parseJsonLine('{"a": 1234567890123456, "b": 1e20, "c": 12345678901234567.5, "s": "99999999999999999"}'),
    ).toEqual({
      a: 1234567890123456,
      b: 1e20,
      c: 12345678901234568,
      s: '99999999999999999',
    });
  });

  it('rejects what is not one JSON object', () => {
    expect(() => parseJsonLine('{"a": 9007199254740993')).toThrow(RecordRejection);
    expect(() => parseJsonLine('[9007199254740993]')).toThrow('not a JSON object');
  });

  it('reads records without big integers exactly as JSON.parse does (property)', () => {
    const safe = fc.oneof(
      fc.maxSafeInteger(),
      fc.double({ noNaN: true, noDefaultInfinity: true, max: 1e15, min: -1e15 }),
    );
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        safe,
        fc.string(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('v')),
        fc.dictionary(fc.string(), tie('v')),
      ),
    })).v;
    fc.assert(
      fc.property(fc.dictionary(fc.string(), value), (record) => {
        const text = JSON.stringify(record);
        expect(parseJsonLine(text)).toEqual(JSON.parse(text));
      }),
    );
  });
});
