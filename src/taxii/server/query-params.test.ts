import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asMicros, formatMicros } from '../../stix/index.js';
import { parseFilters, type QueryField } from './query-params.js';

const ALL: QueryField[] = ['added_after', 'limit', 'next', 'id', 'type', 'version', 'spec_version'];
const LIMITS = { defaultLimit: 100, maxLimit: 1000 };
const parse = (query: Record<string, unknown>) => parseFilters(query, ALL, LIMITS);

// Microseconds up to 2100 (whole seconds × 1e6 + µs stays a safe integer).
const MICROS = fc
  .tuple(fc.integer({ min: 0, max: 4_102_444_800 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([s, us]) => asMicros(s * 1_000_000 + us));

describe('3.4 query parameters', () => {
  it('3.4 match[type] accepts a comma list', () => {
    expect(parse({ 'match[type]': 'indicator,malware' }).types).toEqual(['indicator', 'malware']);
  });

  it('3.4 any comma list of valid types round-trips', () => {
    const type = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
    fc.assert(
      fc.property(fc.uniqueArray(type, { minLength: 1, maxLength: 20 }), (types) => {
        expect(parse({ 'match[type]': types.join(',') }).types).toEqual(types);
      }),
    );
  });

  it('3.4 limit: positive integers only, capped at the server maximum, default when absent', () => {
    expect(parse({}).limit).toBe(100);
    expect(parse({ limit: '5' }).limit).toBe(5);
    expect(parse({ limit: '5000' }).limit).toBe(1000);
    fc.assert(
      fc.property(fc.string(), (s) => {
        if (/^[1-9][0-9]{0,15}$/.test(s)) return;
        expect(() => parse({ limit: s })).toThrow(/limit/);
      }),
    );
  });

  it('3.4 added_after round-trips any µs timestamp and rejects repeats', () => {
    fc.assert(
      fc.property(MICROS, (micros) => {
        expect(parse({ added_after: formatMicros(micros) }).addedAfter).toBe(micros);
      }),
    );
    expect(() => parse({ added_after: ['2021-01-01T00:00:00Z', '2021-01-02T00:00:00Z'] })).toThrow();
    // Section 2: nanoseconds at most; a tenth fraction digit is not a TAXII timestamp.
    expect(parse({ added_after: '2021-01-01T00:00:00.123456789Z' }).addedAfter).toBe(1609459200123456);
    expect(() => parse({ added_after: '2021-01-01T00:00:00.1234567891Z' })).toThrow(/added_after/);
  });

  it('3.4.1 match[version] keywords and timestamps', () => {
    expect(parse({ 'match[version]': 'all' }).versions).toEqual({ kind: 'all' });
    expect(parse({ 'match[version]': 'first' }).versions).toEqual({ kind: 'first' });
    expect(parse({ 'match[version]': 'last' }).versions).toEqual({ kind: 'last' });
    expect(parse({ 'match[version]': 'first,2018-03-02T01:01:01.123Z,last' }).versions).toEqual({
      kind: 'set',
      first: true,
      last: true,
      exact: ['2018-03-02T01:01:01.123Z'],
    });
    for (const bad of ['all,last', 'first,first', 'latest', '2018-02-30T00:00:00Z', '']) {
      expect(() => parse({ 'match[version]': bad }), bad).toThrow();
    }
  });

  it('3.4 fields the endpoint does not support are ignored', () => {
    const f = parseFilters({ 'match[id]': 'x', 'match[type]': 'indicator' }, ['version'], LIMITS);
    expect(f).toEqual({ limit: 100 });
  });

  it('3.4 arbitrary query maps either parse or fail with a 400 TaxiiError, never another error', () => {
    const key = fc.constantFrom(
      'limit',
      'added_after',
      'next',
      'match[id]',
      'match[type]',
      'match[version]',
      'match[spec_version]',
    );
    const value = fc.oneof(fc.string(), fc.array(fc.string(), { minLength: 2, maxLength: 3 }));
    fc.assert(
      fc.property(fc.dictionary(key, value), (query) => {
        try {
          parse(query);
        } catch (err) {
          expect((err as { status?: number }).status).toBe(400);
        }
      }),
    );
  });
});
