/** The Versions tab's diff: every differing property once, nothing else. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffVersions } from './version-diff.js';

describe('diffVersions', () => {
  it('tells added, removed and changed properties apart, in name order', () => {
    const before = { name: 'A', description: 'old', labels: ['x'] };
    const after = { name: 'A', description: 'new', aliases: ['B'] };
    expect(diffVersions(before, after)).toEqual([
      { property: 'aliases', kind: 'added', after: ['B'] },
      { property: 'description', kind: 'changed', before: 'old', after: 'new' },
      { property: 'labels', kind: 'removed', before: ['x'] },
    ]);
  });

  it('is empty exactly when the versions are equal, and lists each differing key once', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.array(fc.string(), { maxLength: 3 }));
    const object = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), value);
    fc.assert(
      fc.property(object, object, (x, y) => {
        const changes = diffVersions(x, y);
        const differing = [...new Set([...Object.keys(x), ...Object.keys(y)])]
          .filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]))
          .sort();
        expect(changes.map((c) => c.property)).toEqual(differing);
        expect(diffVersions(x, x)).toEqual([]);
      }),
    );
  });
});
