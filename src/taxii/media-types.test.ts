import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asMicros, formatMicros, timestampMicros } from '../stix/index.js';
import { isAcceptedContentType, negotiate, STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from './media-types.js';

const TAXII_TIMESTAMP = { maxFractionDigits: 9 };

// Microseconds up to 2100 (whole seconds × 1e6 + µs stays a safe integer).
const MICROS = fc
  .tuple(fc.integer({ min: 0, max: 4_102_444_800 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([s, us]) => asMicros(s * 1_000_000 + us));

describe('1.6.8 media types', () => {
  it('1.6.8.2 taxii+json with version 2.1 or no version is acceptable; other versions are not', () => {
    expect(negotiate('application/taxii+json;version=2.1', false)).toBe(TAXII_MEDIA_TYPE);
    expect(negotiate('application/taxii+json', false)).toBe(TAXII_MEDIA_TYPE);
    expect(negotiate('Application/TAXII+JSON; version="2.1"', false)).toBe(TAXII_MEDIA_TYPE);
    expect(negotiate('application/taxii+json;version=2.0', false)).toBeUndefined();
    expect(negotiate(undefined, false)).toBeUndefined();
    expect(negotiate('*/*', false)).toBeUndefined();
  });

  it('1.6.8 stix+json is acceptable only where STIX content is returned', () => {
    expect(negotiate('application/stix+json;version=2.1', true)).toBe(STIX_MEDIA_TYPE);
    expect(negotiate('application/stix+json;version=2.1', false)).toBeUndefined();
  });

  it('3.1 the highest-q acceptable range wins and q=0 excludes', () => {
    expect(negotiate('application/stix+json;q=0.4, application/taxii+json;q=0.8', true)).toBe(
      TAXII_MEDIA_TYPE,
    );
    expect(negotiate('application/taxii+json;q=0', true)).toBeUndefined();
  });

  it('5.5 request Content-Type must be TAXII or STIX JSON 2.1', () => {
    expect(isAcceptedContentType(TAXII_MEDIA_TYPE)).toBe(true);
    expect(isAcceptedContentType('application/taxii+json')).toBe(true);
    expect(isAcceptedContentType('application/json')).toBe(false);
    expect(isAcceptedContentType(undefined)).toBe(false);
  });

  it('negotiation never throws on arbitrary headers', () => {
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (header, stix) => {
        const r = negotiate(header, stix);
        expect(r === undefined || r === TAXII_MEDIA_TYPE || r === STIX_MEDIA_TYPE).toBe(true);
      }),
    );
  });
});

describe('2 TAXII timestamps', () => {
  it('2 timestamps are formatted with exactly microsecond precision and parse back', () => {
    expect(formatMicros(asMicros(1626696000123456))).toBe('2021-07-19T12:00:00.123456Z');
    fc.assert(
      fc.property(MICROS, (us) => {
        const text = formatMicros(us);
        expect(text).toMatch(/\.\d{6}Z$/);
        expect(timestampMicros(text, TAXII_TIMESTAMP)).toBe(us);
      }),
    );
  });

  it('2 malformed timestamps are rejected', () => {
    for (const bad of [
      '2021-07-19',
      '2021-07-19T12:00:00',
      '2021-02-29T00:00:00Z',
      '2021-07-19T24:00:00Z',
      '2021-07-19T12:00:00.1234567891Z',
      'x',
    ]) {
      expect(timestampMicros(bad, TAXII_TIMESTAMP), bad).toBeUndefined();
    }
  });
});
