import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSpan, readLineValidity, within } from './pattern-validity.js';

const iso = (us: number) => `${new Date(us / 1000).toISOString().slice(0, 19)}Z`;

describe('indicator validity for match-set (STIX 2.1 4.7: valid_from inclusive, valid_until exclusive)', () => {
  it('reads revoked and the window of indicators only; plain pattern lines bound nothing', () => {
    expect(readLineValidity({ pattern: '[x:y = 1]', revoked: true })).toEqual({ revoked: false });
    expect(readLineValidity({ type: 'indicator', revoked: true })).toEqual({ revoked: true });
    expect(
      readLineValidity({
        type: 'indicator',
        valid_from: '2020-01-01T00:00:00Z',
        valid_until: '2020-01-02T00:00:00Z',
      }),
    ).toEqual({ revoked: false, window: { from: 1577836800e6, until: 1577923200e6 } });
    expect(readLineValidity({ type: 'indicator', valid_from: 'soon' })).toBe(
      'valid_from is not a STIX timestamp (2.16)',
    );
  });

  it('an event without first_observed/last_observed is unbounded; a bad one is named', () => {
    expect(eventSpan({})).toEqual({ first: -Infinity, last: Infinity });
    expect(eventSpan({ last_observed: '2020-01-01T00:00:00Z' })).toEqual({
      first: 1577836800e6,
      last: 1577836800e6,
    });
    expect(eventSpan({ first_observed: '2024-02-30T00:00:00Z' })).toMatch(/^first_observed is not/);
  });

  it('within: some instant of the observed span lies in [valid_from, valid_until) (property)', () => {
    const sec = fc.integer({ min: 0, max: 40 }).map((s) => 1_600_000_000e6 + s * 1e6);
    fc.assert(
      fc.property(sec, sec, sec, sec, (a, b, c, d) => {
        const [first, last] = a <= b ? [a, b] : [b, a];
        const [from, until] = c <= d ? [c, d] : [d, c];
        const w = readLineValidity({ type: 'indicator', valid_from: iso(from), valid_until: iso(until) });
        const span = eventSpan({ first_observed: iso(first), last_observed: iso(last) });
        if (typeof w === 'string' || !w.window || typeof span === 'string') throw new Error('unreadable');
        let some = false;
        for (let t = first; t <= last; t += 1e6) if (t >= from && t < until) some = true;
        expect(within(w.window, span)).toBe(some);
      }),
    );
  });
});
