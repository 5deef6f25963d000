import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deterministicId,
  SCO_TYPE_NAMES,
  SDO_TYPE_NAMES,
  SRO_TYPE_NAMES,
  validateDocument,
  validateObject,
} from '../../src/stix/index.js';
import { anyValidObject, VALID_OBJECTS } from './arbitraries.js';

const errorsOf = (value: unknown) => validateObject(value).issues.filter((i) => i.severity === 'error');

describe('generated STIX objects (fast-check)', () => {
  it('covers every spec-defined type', () => {
    for (const type of [...SDO_TYPE_NAMES, ...SRO_TYPE_NAMES, ...SCO_TYPE_NAMES])
      expect(VALID_OBJECTS[type]).toBeDefined();
  });

  for (const [type, arbitrary] of Object.entries(VALID_OBJECTS)) {
    it(`valid ${type} objects validate and JSON round-trip unchanged`, () => {
      fc.assert(
        fc.property(arbitrary, (obj) => {
          expect(errorsOf(obj)).toEqual([]);
          const again = JSON.parse(JSON.stringify(obj));
          expect(again).toEqual(obj);
          expect(errorsOf(again)).toEqual([]);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('objects missing type or id, or with a malformed id, give errors (2.9, 3.2)', () => {
    const breakers: ((o: Record<string, unknown>) => Record<string, unknown>)[] = [
      ({ id: _id, ...rest }) => rest,
      ({ type: _type, ...rest }) => rest,
      (o) => ({ ...o, id: 'not-an-id' }),
      (o) => ({ ...o, id: `${o.type}--00000000-0000-0000-0000-000000000000` }),
      (o) => ({ ...o, spec_version: '3.0' }),
      (o) => ({ ...o, type: 42 }),
      (o) => ({ ...o, 'Bad Name': 1 }),
      (o) => ({ ...o, severity: 'high' }),
    ];
    fc.assert(
      fc.property(anyValidObject, fc.constantFrom(...breakers), (obj, mutate) => {
        expect(errorsOf(mutate(obj)).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('randomly mutated objects never make validation throw', () => {
    fc.assert(
      fc.property(anyValidObject, fc.nat(), fc.jsonValue(), (obj, pick, replacement) => {
        const keys = Object.keys(obj);
        const key = keys[pick % keys.length]!;
        const mutated = { ...obj, [key]: replacement };
        const result = validateObject(mutated);
        expect(Array.isArray(result.issues)).toBe(true);
        // Changing a required property to a different value of another JSON type is always an error.
        if (key === 'id' && typeof replacement !== 'string') expect(result.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('random JSON values never make validateDocument throw', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const doc = validateDocument(value);
        // One result per array item; one (or a bundle's own plus one per object) otherwise.
        if (Array.isArray(value)) expect(doc.results.length).toBe(value.length);
        else expect(doc.results.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('random values shaped like STIX objects never make validation throw', () => {
    const stixish = fc.record(
      {
        type: fc.constantFrom(...Object.keys(VALID_OBJECTS), 'bundle', 'x-custom', 'Bad'),
        id: fc.oneof(fc.string(), fc.constant('indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f')),
        extensions: fc.jsonValue(),
        granular_markings: fc.jsonValue(),
        objects: fc.jsonValue(),
        hashes: fc.jsonValue(),
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(stixish, (value) => {
        expect(() => validateDocument(value)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('Object.prototype names as types, keys or values never crash validation or id computation', () => {
    const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
    fc.assert(
      fc.property(anyValidObject, fc.constantFrom(...names), fc.constantFrom(...names), (obj, key, value) => {
        const variants: unknown[] = [
          JSON.parse(JSON.stringify({ ...obj, [key]: value })),
          { ...obj, type: value },
          { ...obj, hashes: JSON.parse(`{"${key}": "x"}`) },
          { ...obj, extensions: JSON.parse(`{"${key}": {"a": 1}}`) },
          { ...obj, relationship_type: value, source_ref: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' },
          { type: 'marking-definition', definition_type: 'tlp', definition: { tlp: value } },
        ];
        for (const v of variants) {
          expect(() => validateDocument(v)).not.toThrow();
          expect(() => deterministicId(v)).not.toThrow();
        }
      }),
      { numRuns: 100 },
    );
  });
});
