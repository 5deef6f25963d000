import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTimestamps, parseTimestamp } from '../index.js';

describe('timestamps (spec 2.16)', () => {
  it('2.16 parses to microseconds since the epoch, keeping the written fraction', () => {
    expect(parseTimestamp('1970-01-01T00:00:01.5Z')).toEqual({
      micros: 1_500_000,
      seconds: 1,
      fraction: '5',
    });
    expect(parseTimestamp('2016-01-20T12:31:12.123456789Z')).toMatchObject({
      micros: 1453293072123456,
      fraction: '123456789',
    });
    expect(parseTimestamp('0001-01-01T00:00:00Z')?.seconds).toBe(-62135596800);
  });

  it('2.16 rejects other layouts, time zones and impossible dates', () => {
    for (const bad of [
      '2016-01-20T12:31:12',
      '2016-01-20 12:31:12Z',
      '2016-01-20T12:31:12.Z',
      '2016-01-20T12:31:12+01:00',
      '2016-13-01T00:00:00Z',
      '2015-02-29T00:00:00Z',
      '2016-01-20T24:00:00Z',
      '2016-01-20t12:31:12z',
    ]) {
      expect(parseTimestamp(bad), bad).toBeUndefined();
    }
    expect(parseTimestamp('2016-02-29T23:59:60Z')).toBeDefined();
  });

  it('2.16 compares exactly across precisions', () => {
    expect(compareTimestamps('2016-01-01T00:00:00Z', '2016-01-01T00:00:00.000Z')).toBe(0);
    expect(compareTimestamps('2016-01-01T00:00:00.0000001Z', '2016-01-01T00:00:00Z')).toBeGreaterThan(0);
    expect(compareTimestamps('2016-01-01T00:00:00.9Z', '2016-01-01T00:00:01Z')).toBeLessThan(0);
    expect(compareTimestamps('nope', '2016-01-01T00:00:01Z')).toBeUndefined();
  });

  it('2.16 the order of timestamps is the order of the instants (fast-check)', () => {
    const instant = fc.integer({ min: -62135596800000, max: 253402300799999 });
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: 0, max: 6 }), (a, b, extra) => {
        const pad = '0'.repeat(extra);
        const ta = new Date(a).toISOString();
        const tb = new Date(b).toISOString().replace('Z', `${pad}Z`);
        expect(Math.sign(compareTimestamps(ta, tb)!)).toBe(Math.sign(a - b));
        // Microseconds are exact while they fit in 2^53 (until the year 2255).
        if (Math.abs(a) < 2 ** 53 / 1000) expect(parseTimestamp(ta)!.micros).toBe(a * 1000);
      }),
    );
  });

  it('2.16 counts days as Date does from year 0000 to 9999, leap seconds and 6-digit fractions included (fast-check)', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.tuple(
          fc.integer({ min: 0, max: 23 }),
          fc.integer({ min: 0, max: 59 }),
          fc.integer({ min: 0, max: 60 }),
        ),
        fc.stringMatching(/^(\.[0-9]{1,9})?$/),
        (year, month, day, [h, m, s], fraction) => {
          const text = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(h)}:${two(m)}:${two(s)}${fraction}Z`;
          const date = new Date(0);
          date.setUTCFullYear(year, month - 1, day);
          const calendarDay = date.getUTCDate() === day;
          date.setUTCHours(h, m, s, 0);
          if (!calendarDay) {
            expect(parseTimestamp(text)).toBeUndefined(); // 31 April, 29 February of a common year
            return;
          }
          const seconds = date.getTime() / 1000;
          const micros = Number(fraction.slice(1, 7).padEnd(6, '0'));
          expect(parseTimestamp(text)).toEqual({
            micros: seconds * 1_000_000 + micros,
            seconds,
            fraction: fraction.slice(1),
          });
        },
      ),
    );
  });
});
