import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinedTexts } from './joined-texts.js';

describe('joinedTexts', () => {
  it('gives the bytes of the texts joined by commas, for any texts (multi-byte and lone surrogates too)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 20 }), (texts) => {
        expect(joinedTexts(texts).equals(Buffer.from(texts.join(',')))).toBe(true);
      }),
    );
  });

  it('gives no bytes for no texts, and the text alone for one', () => {
    expect(joinedTexts([]).length).toBe(0);
    expect(joinedTexts(['{"a":"é"}']).toString()).toBe('{"a":"é"}');
  });
});
