import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePattern } from './matcher/evaluate.js';
import { PatternError } from './pattern-error.js';
import { validatePattern } from './validate.js';

/*
 * The fuzz work is bounded by inputs, not by time: a fixed number of runs per property, inputs of
 * at most 10 KB. That each input is handled in bounded work is the engine's limits' job
 * (maxDepth, maxNodes, maxRepeats, maxBindings; RE2 for MATCHES), checked below by the errors
 * hostile inputs get; a wall-clock bound would fail on a busy machine, not on slow code, and a
 * real hang still fails the test by vitest's timeout.
 */
const observations = [
  {
    type: 'observed-data',
    first_observed: '2021-01-01T00:00:00Z',
    last_observed: '2021-01-01T00:00:00Z',
    number_observed: 3,
    objects: {
      0: {
        type: 'file',
        name: `${'a'.repeat(3000)}!`,
        size: 10,
        hashes: { MD5: 'aa' },
        parent_directory_ref: '1',
      },
      1: { type: 'directory', path: 'C:\\Windows' },
      2: { type: 'ipv4-addr', value: '10.0.0.1' },
    },
  },
];
const seeds = readFileSync(
  new URL('../../test/fixtures/pattern/spec-examples-9.8.jsonl', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l).pattern as string);
const TOKENS = [
  '[',
  ']',
  '(',
  ')',
  ':',
  '.',
  ',',
  '*',
  "'",
  '\\',
  '=',
  '!=',
  '<',
  '>=',
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'IN',
  'LIKE',
  'MATCHES',
  'ISSUBSET',
  'EXISTS',
  'REPEATS',
  'TIMES',
  'WITHIN',
  'SECONDS',
  'START',
  'STOP',
  "t'",
  "h'",
  "b'",
  '1',
  '-',
  '0.5',
  'file',
  'name',
  ' ',
  '\n',
  '%',
  '(a+)+$',
  '\u00e9',
];

/** Runs one input through validation and evaluation in both versions; only PatternError may escape. */
function exercise(input: string): void {
  for (const specVersion of ['2.1', '2.0'] as const) {
    const result = validatePattern(input, { specVersion });
    try {
      evaluatePattern(input, observations, { specVersion });
      expect(result.ok).toBe(true);
    } catch (err) {
      if (!(err instanceof PatternError)) throw err;
    }
  }
}

/** The code of the error `validatePattern` gives an input, or undefined when it is valid. */
function errorCode(input: string): string | undefined {
  const result = validatePattern(input, { specVersion: '2.1' });
  return result.issues.find((i) => i.severity === 'error')?.code;
}

const mutated = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.constantFrom(...TOKENS)), { maxLength: 12 }),
  )
  .map(([seed, edits]) => {
    let s = seed;
    for (const [at, del, ins] of edits) {
      const i = at % (s.length + 1);
      s = s.slice(0, i) + ins + s.slice(i + del);
    }
    return s;
  });
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 3000 }).map((t) => t.join(''));
const large = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.integer({ min: 1, max: 60 }),
    fc.constantFrom(' AND ', ' OR ', ' FOLLOWEDBY '),
  )
  .map(([seed, n, op]) =>
    Array.from({ length: n }, () => seed)
      .join(op)
      .slice(0, 10_240),
  );

describe('fuzzing: hostile and mutated patterns (9.4)', () => {
  it('random strings up to 10 KB never throw anything but PatternError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 10_240, unit: 'binary' }), exercise), { numRuns: 300 });
  });
  it('token soup up to 10 KB', () => {
    fc.assert(fc.property(tokenSoup, exercise), { numRuns: 300 });
  });
  it('mutations of the spec examples', () => {
    fc.assert(fc.property(mutated, exercise), { numRuns: 1500 });
  });
  it('long valid patterns built from the spec examples, up to 10 KB', () => {
    fc.assert(fc.property(large, exercise), { numRuns: 100 });
  });
  it('deep nesting and repeat counts past the limits are refused by the limits (PATTERN_LIMIT_EXCEEDED)', () => {
    for (const input of [
      `${'('.repeat(5000)}[file:name = 'a']${')'.repeat(5000)}`,
      `[${'('.repeat(3000)}file:name = 'a'${')'.repeat(3000)}]`,
      `[file:name = 'a'] REPEATS 1001 TIMES`,
    ]) {
      expect(errorCode(input)).toBe('PATTERN_LIMIT_EXCEEDED');
      exercise(input);
    }
  });
  it('catastrophic regexes and LIKE patterns run (RE2 and a linear LIKE matcher, 9.6.1)', () => {
    for (const input of [
      "[file:name MATCHES '(a+)+$']",
      "[file:name MATCHES '^(a|a)*(a|a)*(a|a)*$']",
      `[file:name LIKE '${'%a'.repeat(2000)}']`,
      `[file:name = 'a'] REPEATS 1000 TIMES`,
    ]) {
      expect(errorCode(input)).toBeUndefined();
      exercise(input);
    }
  });
});
