import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asMicros,
  formatExact,
  formatMicros,
  parseDateTime,
  parseTimestamp,
  parseUtcOffset,
} from '../index.js';

/** A STIX timestamp (2.16) text, years 0001–9999, 0–9 fraction digits. */
const stixTimestamp = fc
  .record({
    ms: fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_000 }),
    fraction: fc.stringMatching(/^\d{0,9}$/),
  })
  .map(({ ms, fraction }) => {
    const whole = formatMicros(asMicros(Math.floor(ms / 1000) * 1_000_000), 0);
    return fraction === '' ? whole : `${whole.slice(0, -1)}.${fraction}Z`;
  });

describe('date-times of other tools, read as STIX reads timestamps (one parser, 2.16)', () => {
  it('property: a STIX timestamp reads the same through parseDateTime as through parseTimestamp', () => {
    fc.assert(
      fc.property(stixTimestamp, (text) => {
        expect(parseDateTime(text)).toEqual(parseTimestamp(text));
        const p = parseTimestamp(text)!;
        expect(formatExact(p.seconds, p.fraction)).toBe(text);
      }),
    );
  });

  it('property: an offset moves the instant, not the fraction', () => {
    fc.assert(
      fc.property(stixTimestamp, fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }), (text, east) => {
        const utc = parseTimestamp(text)!;
        const sign = east < 0 ? '-' : '+';
        const abs = Math.abs(east);
        const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        const local = parseDateTime(text.replace('Z', zone));
        expect(local?.seconds).toBe(utc.seconds - east * 60);
        expect(local?.fraction).toBe(utc.fraction);
        // Without an offset in the text, the given one is used.
        expect(parseDateTime(text.slice(0, -1), east)).toEqual(local);
      }),
    );
  });

  it('reads the forms logs write: space, comma, z, ±HHMM', () => {
    const at = parseTimestamp('2021-07-20T08:00:00.5Z');
    expect(parseDateTime('2021-07-20 10:00:00,5+0200')).toEqual(at);
    expect(parseDateTime('2021-07-20t08:00:00.5z')).toEqual(at);
    expect(parseDateTime('2021-07-20 09:00:00.5', 60)).toEqual(at);
  });

  it('refuses impossible dates, times and offsets', () => {
    for (const bad of [
      '2021-02-29T00:00:00Z',
      '2021-04-31T00:00:00Z',
      '2021-07-20T24:00:00Z',
      '2021-07-20T10:60:00Z',
      '2021-07-20T10:00:61Z',
      '2021-07-20T10:00:00+25:00',
      '2021-07-20T10:00:00.Z',
      '2021-07-20',
      'not a time',
    ])
      expect(parseDateTime(bad), bad).toBeUndefined();
    expect(parseDateTime('2020-02-29T00:00:00Z')).toBeDefined();
    expect([parseUtcOffset('+05:30'), parseUtcOffset('-0800'), parseUtcOffset('+24:00')]).toEqual([
      330,
      -480,
      undefined,
    ]);
  });
});
