/**
 * validateObject's placement arguments (basePath, defaultSpecVersion) give exactly the verdict
 * and issues of the same options written into the options object: the ingest path passes one
 * shared options object (STIX_VALIDATION) and places each object with them, `accord validate`
 * copies the options per object, and both must judge alike (one verdict, issue 13).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPattern } from '../../src/pattern/index.js';
import { type ValidateOptions, validateObject } from '../../src/stix/index.js';
import { anyValidObject } from './arbitraries.js';

/** Valid objects, and the same with one property dropped or its value replaced (mostly invalid). */
const anyObject = fc.oneof(
  anyValidObject,
  fc.tuple(anyValidObject, fc.nat(), fc.jsonValue()).map(([o, k, v]) => {
    const keys = Object.keys(o);
    const key = keys[k % keys.length]!;
    return { ...o, [key]: v };
  }),
  fc.tuple(anyValidObject, fc.nat()).map(([o, k]) => {
    const keys = Object.keys(o);
    const { [keys[k % keys.length]!]: _dropped, ...rest } = o;
    return rest;
  }),
);
const placement = fc.record({
  basePath: fc.constantFrom('', '/objects/7', 'file.json:/objects/0', '/a~1b'),
  defaultSpecVersion: fc.constantFrom('2.0' as const, '2.1' as const),
});

describe('validateObject placement arguments', () => {
  it('judge as the same options inside the options object (with and without the full pattern check)', () => {
    fc.assert(
      fc.property(anyObject, placement, fc.boolean(), (value, { basePath, defaultSpecVersion }, full) => {
        const shared: ValidateOptions = full ? { patternCheck: checkPattern } : {};
        const placed = validateObject(value, shared, basePath, defaultSpecVersion);
        const copied = validateObject(value, { ...shared, basePath, defaultSpecVersion });
        expect(placed).toEqual(copied);
      }),
      { numRuns: 300 },
    );
  });

  it('falls back to the options when no placement is given', () => {
    const object = { type: 'indicator', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' };
    const result = validateObject(object, { basePath: '/objects/3' });
    expect(result.ok).toBe(false);
    expect(result.issues.every((i) => i.path.startsWith('/objects/3/'))).toBe(true);
  });
});
