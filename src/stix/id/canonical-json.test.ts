import canonicalizeImport from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, KeyOrders, plainCanonicalJson } from '../index.js';

// The canonicalize package (RFC 8785's reference list of implementations), kept as an oracle only.
// CommonJS typed as an ES default export: at run time the default import is the function.
const canonicalize = canonicalizeImport as unknown as (input: unknown) => string | undefined;

/** RFC 8785 written out key by key: the reference the fast path must equal. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** True when some object key anywhere in `value` satisfies `test`. */
function someKey(value: unknown, test: (key: string) => boolean): boolean {
  if (Array.isArray(value)) return value.some((v) => someKey(v, test));
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([k, v]) => test(k) || someKey(v, test));
}

// Keys that engines do not keep in insertion order ("1", "__proto__") and ones that need escaping.
const key = fc.oneof(
  fc.string(),
  fc.constantFrom('1', '10', '2', '01', '4294967295', '__proto__', 'constructor', 'toJSON', 'a"b', '\ud800'),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 0 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('RFC 8785 canonical JSON', () => {
  it('the fast path writes the same text as key-by-key serialisation, for any JSON.parse result (fast-check)', () => {
    const orders = new KeyOrders(); // shared across values, as a batch shares it
    fc.assert(
      fc.property(json, (value) => {
        const text = JSON.stringify(value);
        const parsed: unknown = JSON.parse(text);
        const fast = plainCanonicalJson(parsed, orders);
        // Only keys the engine would reorder ("1", so any key starting with a digit) or treats
        // specially ("__proto__") leave the fast path.
        if (!someKey(parsed, (k) => /^[0-9]/.test(k) || k === '__proto__')) expect(fast).toBeDefined();
        if (fast !== undefined) expect(fast).toBe(reference(parsed));
        expect(canonicalJson(parsed)).toBe(reference(parsed));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts a key list met again in another order afresh', () => {
    const orders = new KeyOrders();
    expect(plainCanonicalJson({ b: 1, a: 2 }, orders)).toBe('{"a":2,"b":1}');
    expect(plainCanonicalJson({ c: 1, a: 2 }, orders)).toBe('{"a":2,"c":1}');
    expect(plainCanonicalJson({ a: 1, b: 2 }, orders)).toBe('{"a":1,"b":2}');
  });

  it('leaves what is not plain JSON data to the caller', () => {
    for (const value of [
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      { a: undefined },
      [undefined],
      { d: new Date(0) },
      Object.create(null) as object,
      { f: () => 1 },
      1n,
    ])
      expect(plainCanonicalJson(value)).toBeUndefined();
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
  });

  it('RFC 8785 3.2: writes what JSON.stringify would for values that are not JSON data', () => {
    expect(canonicalJson({ d: new Date(0), f: () => 1, s: Symbol('s'), u: undefined })).toBe(
      '{"d":"1970-01-01T00:00:00.000Z"}',
    );
    expect(canonicalJson([undefined, () => 1, Symbol('s'), 1])).toBe('[null,null,null,1]');
    expect(canonicalJson({ b: { toJSON: () => ({ z: 1, y: 2 }) }, a: Object.create(null) })).toBe(
      '{"a":{},"b":{"y":2,"z":1}}',
    );
    expect(() => canonicalJson(1n)).toThrow(TypeError);
  });

  it('RFC 8785: the same text as an independent implementation (the canonicalize package), for any JSON (fast-check)', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 500 },
    );
  });
});
