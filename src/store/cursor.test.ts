import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, parseCursor } from './cursor.js';
import { isStoreError } from './store-error.js';

const position = fc.record({
  collectionId: fc.string({ maxLength: 60 }),
  dateAdded: fc.maxSafeNat(),
  seq: fc.maxSafeNat(),
  entry: fc.constantFrom('added' as const, 'released' as const),
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isStoreError(error) ? error.code : 'not a StoreError';
  }
  return undefined;
}

describe('paging cursors', () => {
  it('3.4 a cursor decodes to the position it encodes, for any collection id (dots included)', () => {
    fc.assert(
      fc.property(position, (p) => {
        const cursor = encodeCursor(p);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCursor(cursor)).toEqual(p);
        expect(parseCursor(cursor)).toBe(cursor);
      }),
    );
  });

  it('3.4 any altered cursor is rejected with STORE_BAD_CURSOR', () => {
    fc.assert(
      fc.property(position, fc.nat(), fc.constantFrom(...'AQgw-_z9'), (p, at, ch) => {
        const cursor = encodeCursor(p);
        const i = at % cursor.length;
        fc.pre(cursor[i] !== ch);
        const altered = cursor.slice(0, i) + ch + cursor.slice(i + 1);
        // Flipping the last character may only touch padding bits; the decoded text must then be unchanged.
        const code = codeOf(() => decodeCursor(altered));
        if (code === undefined) expect(decodeCursor(altered)).toEqual(p);
        else expect(code).toBe('STORE_BAD_CURSOR');
      }),
    );
  });

  it('3.4 arbitrary input never crashes the decoder', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        expect(codeOf(() => decodeCursor(text))).toBe('STORE_BAD_CURSOR');
      }),
    );
    expect(codeOf(() => decodeCursor(undefined as unknown as string))).toBe('STORE_BAD_CURSOR');
  });

  it('3.4 positions that are not safe non-negative integers cannot be encoded', () => {
    expect(
      codeOf(() => decodeCursor(encodeCursor({ collectionId: 'c', dateAdded: -1, seq: 0, entry: 'added' }))),
    ).toBe('STORE_BAD_CURSOR');
    expect(
      codeOf(() => decodeCursor(encodeCursor({ collectionId: 'c', dateAdded: 1.5, seq: 0, entry: 'added' }))),
    ).toBe('STORE_BAD_CURSOR');
  });
});
