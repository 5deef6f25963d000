/**
 * Patterning conformance cases (test/fixtures/pattern/conformance-cases.jsonl): each names the
 * section it follows and whether the OASIS reference matcher's verdict agrees with the spec text.
 * Where it does not, the spec text decides and the case says why.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePattern, PatternError } from './index.js';
import { observed21 } from './matcher/test-observations.js';

interface Case {
  readonly section: string;
  readonly rule: string;
  readonly pattern: string;
  readonly observations: unknown[];
  readonly spec_version?: '2.0' | '2.1';
  readonly expected: boolean | 'error';
  readonly reference: string;
}

const cases = readFileSync(
  new URL('../../test/fixtures/pattern/conformance-cases.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Case);

function verdict(c: Pick<Case, 'pattern' | 'observations' | 'spec_version'>): boolean | 'error' {
  try {
    return evaluatePattern(c.pattern, c.observations, { specVersion: c.spec_version ?? '2.1' });
  } catch (err) {
    if (err instanceof PatternError) return 'error';
    throw err;
  }
}

describe('patterning conformance cases (spec text over reference where they differ)', () => {
  it('the fixture covers every rule of the issue', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });
  for (const c of cases) {
    it(`${c.section} ${c.rule}${c.reference === 'agrees' ? '' : ` [${c.reference}]`}`, () => {
      expect(verdict(c)).toBe(c.expected);
    });
  }
});

describe('9.5.1 REPEATS is counted, not enumerated', () => {
  const series = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      observed21([{ type: 'x-y', v: i }], { first: new Date(Date.UTC(2021, 0, 1, 0, 0, i)).toISOString() }),
    ).flat();

  it('9.5.1 [x < 20] REPEATS 10 TIMES over 40 observations is answered (C(20,10) bindings exist)', () => {
    const all = series(40);
    expect(evaluatePattern('[x-y:v < 20] REPEATS 10 TIMES', all)).toBe(true);
    expect(evaluatePattern('[x-y:v < 20] REPEATS 21 TIMES', all)).toBe(false);
    expect(evaluatePattern('[x-y:v < 20] REPEATS 10 TIMES WITHIN 10 SECONDS', all)).toBe(true);
    expect(evaluatePattern('[x-y:v < 20] REPEATS 10 TIMES WITHIN 9 SECONDS', all)).toBe(false);
    expect(evaluatePattern('([x-y:v < 20] REPEATS 5 TIMES) REPEATS 4 TIMES', all)).toBe(true);
    expect(evaluatePattern('([x-y:v < 20] REPEATS 5 TIMES) REPEATS 5 TIMES', all)).toBe(false);
  });

  it('9.5.1 REPEATS n TIMES WITHIN s SECONDS equals a brute-force search over observation sets (fast-check)', () => {
    const observation = fc.record({
      v: fc.integer({ min: 0, max: 1 }),
      first: fc.integer({ min: 0, max: 30 }),
      length: fc.integer({ min: 0, max: 10 }),
      count: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(observation, { maxLength: 7 }),
        fc.integer({ min: 1, max: 6 }),
        fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        (obs, times, within) => {
          const at = (s: number) => new Date(Date.UTC(2021, 0, 1, 0, 0, s)).toISOString();
          const data = obs.flatMap((o) =>
            observed21([{ type: 'x-y', v: o.v }], {
              first: at(o.first),
              last: at(o.first + o.length),
              count: o.count,
            }),
          );
          // Oracle: expand each matching observation into number_observed slots, try every subset.
          const slots = obs.filter((o) => o.v === 1).flatMap((o) => Array.from({ length: o.count }, () => o));
          let expected = false;
          for (let mask = 0; mask < 1 << slots.length && !expected; mask++) {
            const chosen = slots.filter((_, i) => mask & (1 << i));
            if (chosen.length !== times) continue;
            const latestFirst = Math.max(...chosen.map((o) => o.first));
            const earliestLast = Math.min(...chosen.map((o) => o.first + o.length));
            expected = within === undefined || latestFirst - earliestLast < within;
          }
          const pattern = `[x-y:v = 1] REPEATS ${times} TIMES${within === undefined ? '' : ` WITHIN ${within} SECONDS`}`;
          expect(evaluatePattern(pattern, data)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
