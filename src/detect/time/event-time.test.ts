import { describe, expect, it } from 'vitest';
import { epochNumber, epochSeconds, isoTime, parseUtcOffset, w3cTime } from './event-time.js';

describe('event times (STIX 2.16 timestamps, UTC, source precision kept)', () => {
  it('reads epoch seconds keeping the digits of the fraction', () => {
    expect(epochSeconds('1626739260.123456')?.ms).toBe(1626739260123.456);
    expect(epochSeconds('1626739260.123456')?.text).toBe('2021-07-20T00:01:00.123456Z');
    expect(epochNumber(1626739260.123456)?.text).toBe('2021-07-20T00:01:00.123456Z');
    expect(JSON.parse(JSON.stringify(epochNumber(1626739260.5)))).toEqual({
      ms: 1626739260500,
      text: '2021-07-20T00:01:00.5Z',
    });
    expect(epochSeconds('1626739260')?.text).toBe('2021-07-20T00:01:00Z');
    expect(epochSeconds('-5')).toBeUndefined();
    expect(epochSeconds('99999999999999')).toBeUndefined();
  });

  it('reads ISO 8601 with Z, ±HH:MM, ±HHMM, or no offset at --tz', () => {
    expect(isoTime('2021-07-20T10:00:00.5+02:00')?.text).toBe('2021-07-20T08:00:00.5Z');
    expect(isoTime('2021-07-20T00:10:00.123456+0000')?.text).toBe('2021-07-20T00:10:00.123456Z');
    expect(isoTime('2021-07-20 10:00:00', 120)?.text).toBe('2021-07-20T08:00:00Z');
    expect(isoTime('2021-02-30T00:00:00Z')).toBeUndefined();
    expect(isoTime('not a time')).toBeUndefined();
  });

  it('reads W3C date and time, and --tz offsets', () => {
    expect(w3cTime('2021-07-20', '23:59:59', -60)?.text).toBe('2021-07-21T00:59:59Z');
    expect([
      parseUtcOffset('+05:30'),
      parseUtcOffset('-0800'),
      parseUtcOffset('Z'),
      parseUtcOffset('+25:00'),
      parseUtcOffset('5'),
    ]).toEqual([330, -480, 0, undefined, undefined]);
  });
});
