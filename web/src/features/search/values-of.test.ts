/** Bulk paste: values split on lines, commas, semicolons and spaces, each once, none empty. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { valuesOf } from './values-of.js';

describe('valuesOf', () => {
  it('splits a paste from a spreadsheet or a report', () => {
    expect(
      valuesOf(
        '203.0.113.17\r\n198.51.100.77, evil.example; 203.0.113.17\n\n  d41d8cd98f00b204e9800998ecf8427e ',
      ),
    ).toEqual(['203.0.113.17', '198.51.100.77', 'evil.example', 'd41d8cd98f00b204e9800998ecf8427e']);
  });

  it('gives back each value of any list once, in order', () => {
    const token = fc.stringMatching(/^[a-z0-9.:-]{1,12}$/);
    const separator = fc.constantFrom('\n', '\r\n', ',', ';', ' ', '\t', ', ');
    fc.assert(
      fc.property(fc.array(fc.tuple(token, separator), { maxLength: 20 }), (parts) => {
        const text = parts.map(([t, s]) => t + s).join('');
        expect(valuesOf(text)).toEqual([...new Set(parts.map(([t]) => t))]);
      }),
    );
  });
});
