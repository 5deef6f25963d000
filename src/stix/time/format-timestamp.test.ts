import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asMicros,
  formatMicros,
  formatTimestamp,
  type Micros,
  microsFromMillis,
  microsOfDate,
  millisOf,
  nowMicros,
  parseTimestamp,
  timestampMicros,
} from '../index.js';

// Whole microseconds that a double holds exactly: 1685 to 2255, wide enough for every clock reading.
const MICROS = fc.maxSafeInteger().map(asMicros);

describe('timestamps as microseconds (RFC 3339 5.6, STIX 2.1 2.16 and 3.2, TAXII 2.1 2)', () => {
  it('RFC 3339 5.6 / STIX 2.16: parse(format(x)) === x for every microsecond instant (fast-check)', () => {
    fc.assert(
      fc.property(MICROS, (x) => {
        const text = formatMicros(x);
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
        expect(parseTimestamp(text)?.micros).toBe(x);
        expect(timestampMicros(text)).toBe(x);
      }),
    );
  });

  it('STIX 2.16: format(parse(t)) === t for a timestamp written with six fraction digits (fast-check)', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    const text = fc
      .tuple(
        fc.integer({ min: 1700, max: 2250 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 999_999 }),
      )
      .map(
        ([y, mo, d, h, mi, s, us]) =>
          `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}.${String(us).padStart(6, '0')}Z`,
      );
    fc.assert(
      fc.property(text, (t) => {
        expect(formatMicros(timestampMicros(t)!)).toBe(t);
      }),
    );
  });

  it('TAXII 2.1 2: date_added text is byte-identical to the former Date-based formatter (fast-check)', () => {
    // The formatter X-TAXII-Date-Added-First/Last and date_added used before this module: the oracle.
    const former = (micros: number): string => {
      const ms = Math.floor(micros / 1000);
      const sub = String(micros - ms * 1000).padStart(3, '0');
      return `${new Date(ms).toISOString().slice(0, 23)}${sub}Z`;
    };
    expect(formatMicros(asMicros(1626696000123456))).toBe('2021-07-19T12:00:00.123456Z');
    fc.assert(
      fc.property(MICROS, (x) => {
        expect(formatMicros(x)).toBe(former(x));
      }),
    );
  });

  it('STIX 3.2: three fraction digits are the millisecond text Date writes, truncated not rounded', () => {
    expect(formatMicros(asMicros(1626696000123999), 3)).toBe('2021-07-19T12:00:00.123Z');
    expect(formatMicros(asMicros(-1), 3)).toBe('1969-12-31T23:59:59.999Z');
    expect(formatMicros(asMicros(0), 0)).toBe('1970-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: -62167219200000, max: 253402300799999 }), (ms) => {
        expect(formatTimestamp(new Date(ms))).toBe(new Date(ms).toISOString());
        if (Math.abs(ms) <= Number.MAX_SAFE_INTEGER / 1000)
          expect(formatMicros(microsFromMillis(ms), 3)).toBe(new Date(ms).toISOString());
      }),
    );
    expect(() => formatTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('RFC 3339 5.6: the order of the texts is the order of the instants (fast-check)', () => {
    fc.assert(
      fc.property(MICROS, MICROS, (a, b) => {
        const [ta, tb] = [formatMicros(a), formatMicros(b)];
        expect(Math.sign(ta < tb ? -1 : ta > tb ? 1 : 0)).toBe(Math.sign(a - b));
      }),
    );
  });

  it('RFC 3339 5.6: refuses instants a four-digit year cannot write, and fractions of a microsecond', () => {
    expect(() => formatMicros(asMicros(253402300800 * 1_000_000))).toThrow(RangeError);
    expect(() => formatMicros(asMicros(-62167219201 * 1_000_000))).toThrow(RangeError);
    expect(() => formatMicros(0.5 as Micros)).toThrow(RangeError);
    expect(formatMicros(asMicros(-62167219200 * 1_000_000), 0)).toBe('0000-01-01T00:00:00Z');
  });

  it('3.2 equal instants written with different precision parse equal', () => {
    const a = timestampMicros('2021-01-01T00:00:00Z');
    expect(a).toBe(Date.UTC(2021, 0, 1) * 1000);
    expect(timestampMicros('2021-01-01T00:00:00.000Z')).toBe(a);
    expect(timestampMicros('2021-01-01T00:00:00.000000000Z')).toBe(a);
    expect(timestampMicros('2021-01-01T00:00:00.123456789Z')).toBe((a ?? 0) + 123456);
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
      expect(timestampMicros(bad), bad).toBeUndefined();
    }
    expect(timestampMicros('2020-02-29T23:59:59Z')).toBeDefined();
  });

  it('STIX 2.16: untrusted text past the given limits is not a timestamp', () => {
    const t = '2021-07-19T12:00:00.1234567891Z';
    expect(timestampMicros(t)).toBe(1626696000123456);
    expect(timestampMicros(t, { maxFractionDigits: 9 })).toBeUndefined();
    expect(timestampMicros(t, { maxLength: 24 })).toBeUndefined();
    expect(timestampMicros(1626696000)).toBeUndefined();
    expect(timestampMicros('2021-07-19T12:00:00+00:00')).toBeUndefined();
  });

  it('converts milliseconds and Dates exactly and back', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e12, max: 8.64e12 }), (ms) => {
        expect(microsFromMillis(ms)).toBe(ms * 1000);
        expect(microsOfDate(new Date(ms))).toBe(ms * 1000);
        expect(millisOf(asMicros(ms * 1000 + 999))).toBe(ms);
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
    expect(samples.every(Number.isInteger)).toBe(true);
    // Sub-millisecond values: batches committed within one millisecond stay at or below the clock.
    expect(samples.some((m) => m % 1000 !== 0)).toBe(true);
  });
});
