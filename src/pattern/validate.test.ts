import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPattern, validatePattern } from './validate.js';

const codes = (p: string, specVersion: '2.0' | '2.1' = '2.1') =>
  validatePattern(p, { specVersion }).issues.map((i) => `${i.severity}:${i.code}`);

describe('semantic checks (section 9)', () => {
  it('9.7 unknown object types are custom: a warning, still valid', () => {
    const r = validatePattern("[app:id = 'com.gu.activity']");
    expect(r.ok).toBe(true);
    expect(codes("[app:id = 'x']")).toEqual(['warning:PATTERN_UNKNOWN_OBJECT_TYPE']);
    expect(codes("[x-usb-device:usbdrive.serial_number = '1']")).toEqual([
      'warning:PATTERN_UNKNOWN_OBJECT_TYPE',
    ]);
  });
  it('9.7 unknown properties and extensions of known SCOs are warnings', () => {
    expect(codes("[file:path = '/tmp']")).toEqual(['warning:PATTERN_UNKNOWN_PROPERTY']);
    expect(codes('[file:x_custom = 1]')).toEqual(['warning:PATTERN_UNKNOWN_PROPERTY']);
    expect(codes("[file:extensions.'x-acme-ext'.a = 1]")).toEqual(['warning:PATTERN_UNKNOWN_EXTENSION']);
    expect(codes("[file:extensions.'pdf-ext'.nope = 1]")).toEqual(['warning:PATTERN_UNKNOWN_PROPERTY']);
    expect(codes("[file:extensions.'pdf-ext'.version = '1.7']")).toEqual([]);
    expect(codes("[file:hashes.'SHA-256' = 'aa']")).toEqual([]);
  });
  it('9.5 in 2.1, AND across object types no single object satisfies is an error; 2.0 allows it', () => {
    expect(codes("[file:name = 'a' AND process:pid = 2]")).toEqual(['error:PATTERN_AND_DIFFERENT_TYPES']);
    expect(codes("[file:name = 'a' AND process:pid = 2]", '2.0')).toEqual([]);
    expect(codes("[file:name = 'a' AND (process:pid = 2 OR file:size = 1)]")).toEqual([]);
    expect(codes("[file:name = 'a' OR process:pid = 2]")).toEqual([]);
  });
  it('9.6.1 IN sets must be homogeneous', () => {
    expect(codes("[file:name IN ('a', 1)]")).toEqual(['error:PATTERN_MIXED_SET']);
    expect(codes('[file:size IN (1, 2.5)]')).toEqual([]);
  });
  it('9.6.1 ISSUBSET/ISSUPERSET need an IP address or CIDR block', () => {
    expect(codes("[ipv4-addr:value ISSUBSET 'not-an-ip']")).toEqual(['error:PATTERN_INVALID_CIDR']);
    expect(codes("[ipv4-addr:value ISSUBSET '10.0.0.0/33']")).toEqual(['error:PATTERN_INVALID_CIDR']);
    expect(codes("[ipv6-addr:value ISSUPERSET '2001:db8::/129']")).toEqual(['error:PATTERN_INVALID_CIDR']);
    expect(codes("[file:name ISSUBSET '10.0.0.0/8']")).toEqual(['warning:PATTERN_TYPE_MISMATCH']);
  });
  it('9.6.1 MATCHES that RE2 cannot run is an error naming the construct', () => {
    const r = validatePattern("[file:name = 'a' AND file:name MATCHES '^(?=x)a']");
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'PATTERN_REGEX_UNSUPPORTED', line: 1, column: 40 });
    expect(r.issues[0]?.message).toContain('lookahead');
    expect(codes("[file:name MATCHES '(?<name>a)\\\\k<name>']")).toEqual(['error:PATTERN_REGEX_UNSUPPORTED']);
    expect(codes("[file:name MATCHES 'a++']")).toEqual(['error:PATTERN_REGEX_UNSUPPORTED']);
    expect(codes("[file:name MATCHES '(unclosed']")).toEqual(['error:PATTERN_REGEX_INVALID']);
    expect(codes("[file:name MATCHES '[a-z]\\\\d+\\\\.exe$']")).toEqual([]);
  });
  it('9.6.3 binary constants against non-binary properties are warnings', () => {
    expect(codes("[file:name = h'ff']")).toEqual(['warning:PATTERN_TYPE_MISMATCH']);
    expect(codes("[file:magic_number_hex = h'ffd8']")).toEqual([]);
    expect(codes('[file:magic_number_hex = 5]')).toEqual(['warning:PATTERN_TYPE_MISMATCH']);
  });
  it('issues are sorted by position and carry the spec section', () => {
    const r = validatePattern("[app:id = 'x'] AND [file:name IN ('a', 1)]");
    expect(r.issues.map((i) => [i.column, i.section])).toEqual([
      [2, '9.7'],
      [21, '9.6.1'],
    ]);
  });
});

describe('checkPattern (the STIX validator hook)', () => {
  it('returns undefined for valid patterns, warnings included', () => {
    expect(checkPattern("[ipv4-addr:value = '198.51.100.3']", '2.1')).toBeUndefined();
    expect(checkPattern("[app:id = 'x']", '2.1')).toBeUndefined();
  });
  it('returns the first error with line:column', () => {
    expect(checkPattern("[ipv4-addr:value = '1.2.3.4'", '2.1')).toBe(
      "1:29: expected AND, OR or ']', found the end of the pattern",
    );
    expect(checkPattern("[file:name = 'a']\nAND [file:size = 007]", '2.1')).toMatch(/^2:18: /);
    expect(checkPattern("[a:b = 1] START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z'", '2.1')).toMatch(
      /^1:17: /,
    );
    expect(
      checkPattern("[a:b = 1] START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z'", '2.0'),
    ).toBeUndefined();
  });
  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = checkPattern(s, '2.1');
        expect(r === undefined || /^\d+:\d+: /.test(r)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
