import { describe, expect, it } from 'vitest';
import { type ValidatedObject, validateObject } from '../../stix/index.js';
import { parseIndicatorText } from '../input/indicator-file.js';
import { indicator } from '../test-support/run-lines.js';
import { compileIndicators } from './compile-indicators.js';
import { readIndicators, readValidatedIndicators } from './detect-indicator.js';

describe('indicators for detection (4.7)', () => {
  it('keeps the latest version of an id, reads validity, and reports unusable indicators', () => {
    const a1 = indicator(1, "[ipv4-addr:value = '1.2.3.4']", { valid_until: '2022-01-01T00:00:00.5Z' });
    const a2 = { ...a1, modified: '2001-01-01T00:00:00.000Z', pattern: "[ipv4-addr:value = '5.6.7.8']" };
    const { indicators, rejected } = readIndicators([
      a2,
      a1,
      indicator(2, 'x', { revoked: true }),
      { type: 'malware', id: 'malware--1' },
    ]);
    expect(indicators.map((i) => [i.pattern, i.validFrom, i.validUntil])).toEqual([
      ["[ipv4-addr:value = '5.6.7.8']", 946684800000, 1640995200500],
    ]);
    expect(rejected).toEqual([{ id: indicator(2, '').id as string, error: 'revoked' }]);
  });

  it('reads 2.0 indicators (no pattern_type) with the 2.0 grammar, from a 2.0 bundle', () => {
    const text = JSON.stringify({
      type: 'bundle',
      id: 'bundle--1',
      spec_version: '2.0',
      objects: [
        {
          type: 'indicator',
          id: 'indicator--1',
          pattern: "[file:hashes.MD5 = 'aa']",
          valid_from: '2016-01-01T00:00:00Z',
        },
      ],
    });
    expect(parseIndicatorText(text).indicators[0]?.specVersion).toBe('2.0');
  });

  it('reads JSON lines, listing the lines that are not JSON', () => {
    const text = `${JSON.stringify(indicator(1, "[url:value = 'http://x.example/']"))}\n{oops\n\n`;
    const r = parseIndicatorText(text, 'ind.jsonl');
    expect(r.indicators).toHaveLength(1);
    expect(r.rejected).toEqual([{ id: 'ind.jsonl:2', error: 'line is not JSON' }]);
  });

  it('compiles single-observation patterns apart from those spanning events, and refuses invalid ones', () => {
    const { indicators } = readIndicators([
      indicator(1, "[ipv4-addr:value = '1.2.3.4']"),
      indicator(2, "[ipv4-addr:value = '1.2.3.4'] REPEATS 3 TIMES"),
      indicator(3, "[ipv4-addr:value = '1.2.3.4'] AND [domain-name:value = 'x.example'] WITHIN 5 SECONDS"),
      indicator(4, '[ipv4-addr:value ='),
      // 9.5: an OR of single observations matches on one event; with a REPEATS side it spans events.
      indicator(5, "[ipv4-addr:value = '1.2.3.4'] OR [domain-name:value = 'x.example']"),
      indicator(
        6,
        "([ipv4-addr:value = '1.2.3.4'] OR [url:value = 'http://x.example/']) START t'2020-01-01T00:00:00Z' STOP t'2030-01-01T00:00:00Z'",
      ),
      indicator(7, "[ipv4-addr:value = '1.2.3.4'] OR [domain-name:value = 'x.example'] REPEATS 2 TIMES"),
    ]);
    const c = compileIndicators(indicators);
    expect(c.single.map((p) => p !== undefined)).toEqual([true, false, false, false, true, true, false]);
    expect([...c.correlated.keys()]).toEqual([1, 2, 6]);
    expect(c.rejected.map((r) => r.id)).toEqual([indicators[3]?.id]);
    expect(c.warnings).toHaveLength(3);
  });

  it("reads validated objects (a node's stored versions) by narrowing, as it reads the same from a file", () => {
    const objects = [
      indicator(1, "[ipv4-addr:value = '1.2.3.4']", {
        created_by_ref: 'identity--00000000-0000-4000-8000-000000000009',
      }),
      indicator(2, "[url:value = 'http://x.example/']", { valid_until: '2030-01-01T00:00:00Z' }),
      indicator(3, 'alert tcp any any -> any any', { pattern_type: 'snort' }),
      indicator(4, "[ipv4-addr:value = '1.2.3.4']", { revoked: true }),
      {
        type: 'malware',
        spec_version: '2.1',
        id: 'malware--00000000-0000-4000-8000-000000000005',
        created: '2000-01-01T00:00:00.000Z',
        modified: '2000-01-01T00:00:00.000Z',
        name: 'm',
        is_family: true,
      },
    ];
    const validated = objects.map((o): ValidatedObject => {
      const r = validateObject(o);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return r.value;
    });
    const typed = readValidatedIndicators(validated);
    expect(typed).toEqual(readIndicators(objects));
    expect(typed.indicators.map((i) => i.producer)).toEqual([
      'identity--00000000-0000-4000-8000-000000000009',
      undefined,
    ]);
    expect(typed.rejected.map((r) => r.error)).toEqual([
      'pattern_type "snort": only stix patterns are matched',
      'revoked',
    ]);
  });
});
