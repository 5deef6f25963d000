import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envelopeDuplicates, keysInText } from './envelope-duplicates.js';
import { countKeys } from './locate-json-problem.js';

// Strings full of what a key scan could trip on: quotes, backslashes, colons, whitespace.
const tricky = fc.stringMatching(/^[a-z"\\: \n{}[\],]{0,8}$/);
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    tricky,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(tricky, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('duplicate keys of a parsed JSON text (STIX 2.1 section 2.3, I-JSON)', () => {
  it('keysInText counts every key of any JSON text, however it is laid out', () => {
    fc.assert(
      fc.property(jsonValue, fc.constantFrom(undefined, 1, '\t'), (value, indent) => {
        expect(keysInText(JSON.stringify(value, null, indent))).toBe(countKeys(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('finds the objects of an envelope that have a key twice, and where', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(tricky, jsonValue, { maxKeys: 4 }), { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.boolean(),
        (objects, pick, pretty) => {
          const index = pick % objects.length;
          const texts = objects.map((o) => JSON.stringify(o, null, pretty ? 1 : undefined));
          // The same key twice: the first value is the one JSON.parse drops.
          texts[index] =
            `{"k": 1, "k": 2${texts[index] === '{}' ? '' : `, ${(texts[index] as string).slice(1, -1)}`}}`;
          const text = `{"more": false, "objects": [${texts.join(',\n')}]}`;
          const parsed = JSON.parse(text) as unknown;
          const found = envelopeDuplicates(text, parsed);
          expect(found?.envelope).toBeUndefined();
          expect([...(found?.objects.keys() ?? [])]).toEqual([index]);
          expect(found?.objects.get(index)).toMatchObject({ key: '"k"', pointer: `/objects/${index}` });
          expect(found?.objects.get(index)?.where).toMatch(/^line \d+, column \d+$/);
          const clean = `{"objects": [${objects.map((o) => JSON.stringify(o)).join(',')}]}`;
          expect(envelopeDuplicates(clean, JSON.parse(clean))).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports a key the envelope itself has twice', () => {
    const text = '{"objects": [{"a": 1}], "more": true, "objects": [{"b": 2}]}';
    expect(envelopeDuplicates(text, JSON.parse(text))?.envelope).toMatchObject({
      key: '"objects"',
      pointer: '',
    });
  });
});
