import canonicalizeImport from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { versionFacts } from './version-facts.js';

const canonicalize = canonicalizeImport as unknown as (input: unknown) => string | undefined;

describe('version facts', () => {
  it('stores the same canonical text as the canonicalize package, fast path or not (fast-check)', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('1', '__proto__', 'toJSON', 'b', 'a'));
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), (props) => {
        const object = JSON.parse(JSON.stringify({ ...props, id: 'x--1', type: 'x' })) as Record<
          string,
          unknown
        >;
        const facts = versionFacts({ object, producerOrg: 'o', origin: 'local' }, 0);
        expect(facts.json).toBe(canonicalize(object));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the package rules for values that are not plain JSON data', () => {
    const object = { id: 'x--1', type: 'x', at: new Date(0), gone: undefined, list: [undefined] };
    expect(versionFacts({ object, producerOrg: 'o', origin: 'local' }, 0).json).toBe(canonicalize(object));
  });
});
