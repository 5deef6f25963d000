import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputLimits, objectLimitIssue, validateObject } from '../index.js';

/** An oracle sharing no code with the walk: the counts the limits are about, recursively. */
function measure(value: unknown, depth = 1): { depth: number; widest: number; values: number } {
  if (typeof value !== 'object' || value === null) return { depth: 0, widest: 0, values: 0 };
  const children = Array.isArray(value) ? value : Object.values(value);
  const own = Array.isArray(value) ? 0 : children.length;
  let result = { depth, widest: own, values: children.length };
  for (const child of children) {
    const m = measure(child, depth + 1);
    result = {
      depth: Math.max(result.depth, m.depth),
      widest: Math.max(result.widest, m.widest),
      values: result.values + m.values,
    };
  }
  return result;
}

const json = fc.jsonValue({ maxDepth: 6 });

describe('input limits of one object', () => {
  it('flags an object exactly when the oracle says a depth, property or value limit is passed', () => {
    fc.assert(
      fc.property(
        json,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 40 }),
        (value, maxDepth, maxProperties, maxValues) => {
          const limits = inputLimits({ maxDepth, maxProperties, maxValues, maxObjectBytes: 1e9 });
          const m = measure(value);
          const over = m.depth > maxDepth || m.widest > maxProperties || m.values > maxValues;
          const issue = objectLimitIssue(value, limits, '/objects/0');
          expect(issue !== undefined).toBe(over);
          if (issue) {
            expect(issue).toMatchObject({ severity: 'error', section: '' });
            expect(issue.path.startsWith('/objects/0')).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('measures size as the compact JSON text, strings in UTF-8 bytes', () => {
    const limits = inputLimits({ maxObjectBytes: 1000 });
    const size = (s: string) => objectLimitIssue({ a: s }, limits);
    expect(size('x'.repeat(980))).toBeUndefined();
    expect(size('x'.repeat(1000))?.code).toBe('STIX_OBJECT_TOO_LARGE');
    // 400 characters of three UTF-8 bytes each: 1,200 bytes.
    expect(size('€'.repeat(400))?.code).toBe('STIX_OBJECT_TOO_LARGE');
  });

  it('names where it stopped: the JSON object with too many properties', () => {
    const limits = inputLimits({ maxProperties: 2 });
    const issue = objectLimitIssue({ a: 1, ext: { 'x/y': { p: 1, q: 2, r: 3 } } }, limits);
    expect(issue).toMatchObject({ code: 'STIX_TOO_MANY_PROPERTIES', path: '/ext/x~1y' });
  });

  it('validateObject reports only the limit, without validating what lies past it', () => {
    const note: Record<string, unknown> = {
      type: 'note',
      spec_version: '2.1',
      id: 'note--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      created: 'not a timestamp',
    };
    for (let i = 0; i < 2000; i++) note[`x_${i}`] = i;
    const result = validateObject(note);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual(['STIX_TOO_MANY_PROPERTIES']);
  });

  it('never overflows the stack, however deep', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(objectLimitIssue({ a: deep }, inputLimits())?.code).toBe('STIX_TOO_DEEP');
  });
});
