import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMicros, nowMicros, parseTimestampMicros } from './timestamp-micros.js';

describe('timestamps as microseconds', () => {
  it('3.2 equal instants written with different precision parse equal', () => {
    const a = parseTimestampMicros('2021-01-01T00:00:00Z');
    expect(a).toBe(Date.UTC(2021, 0, 1) * 1000);
    expect(parseTimestampMicros('2021-01-01T00:00:00.000Z')).toBe(a);
    expect(parseTimestampMicros('2021-01-01T00:00:00.000000000Z')).toBe(a);
    expect(parseTimestampMicros('2021-01-01T00:00:00.123456789Z')).toBe((a ?? 0) + 123456);
  });

  it('3.2 rejects what is not an RFC 3339 UTC timestamp', () => {
    for (const bad of [
      '',
      '2021-01-01',
      '2021-01-01T00:00:00',
      '2021-01-01T00:00:00+01:00',
      '2021-13-01T00:00:00Z',
      '2021-02-29T00:00:00Z',
      '2021-01-01T24:00:00Z',
      '2021-01-01T00:00:00.Z',
      ' 2021-01-01T00:00:00Z',
    ]) {
      expect(parseTimestampMicros(bad)).toBeUndefined();
    }
    expect(parseTimestampMicros('2020-02-29T23:59:59Z')).toBeDefined();
  });

  it('3.2 formatting then parsing returns the same microsecond, and order is preserved', () => {
    // Microseconds are exact JS integers up to 2^53 (year 2255).
    const micros = fc.maxSafeNat();
    fc.assert(
      fc.property(micros, micros, (a, b) => {
        const [fa, fb] = [formatMicros(a), formatMicros(b)];
        expect(fa).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
        expect(parseTimestampMicros(fa)).toBe(a);
        expect(Math.sign(fa.localeCompare(fb))).toBe(Math.sign(a - b));
      }),
    );
  });

  it('the clock follows the wall clock at microsecond resolution and never goes back', () => {
    const before = Date.now() * 1000;
    const samples = Array.from({ length: 10_000 }, () => nowMicros());
    const after = Date.now() * 1000;
    expect(samples[0]).toBeGreaterThanOrEqual(before);
    expect(samples.at(-1)).toBeLessThan(after + 20_000);
    for (let i = 1; i < samples.length; i++) expect(samples[i]).toBeGreaterThanOrEqual(samples[i - 1] ?? 0);
    // Sub-millisecond values: batches committed within one millisecond stay at or below the clock.
    expect(samples.some((m) => m % 1000 !== 0)).toBe(true);
  });
});
