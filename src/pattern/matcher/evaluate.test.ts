import { describe, expect, it } from 'vitest';
import { PatternError } from '../pattern-error.js';
import { evaluatePattern } from './evaluate.js';
import type { JsonObject } from './observation-set.js';
import { observed20, observed21 } from './test-observations.js';

const file = { type: 'file', name: 'foo.dll', size: 25536, hashes: { 'SHA-256': 'aa', MD5: 'bb' } };
/** Evaluates in both 2.1 (object_refs) and 2.0 (embedded objects) style and insists they agree. */
const on = (pattern: string, ...objects: JsonObject[]): boolean => {
  const v21 = evaluatePattern(pattern, observed21(objects));
  const v20 = evaluatePattern(pattern, [observed20(objects)], { specVersion: '2.0' });
  expect(v20).toBe(v21);
  return v21;
};

describe('9.6.1 comparison operators', () => {
  it('= and != on strings and numbers', () => {
    expect(on("[file:name = 'foo.dll']", file)).toBe(true);
    expect(on("[file:name = 'FOO.DLL']", file)).toBe(false);
    expect(on("[file:name != 'bar.dll']", file)).toBe(true);
    expect(on('[file:size = 25536]', file)).toBe(true);
    expect(on('[file:size = 25536.0]', file)).toBe(true);
    expect(on('[file:size != 4112]', file)).toBe(true);
  });
  it('2.1 integer 1 does not equal float 1.5 (9.2)', () => {
    expect(on('[x-y:v = 1]', { type: 'x-y', v: 1.5 })).toBe(false);
    expect(on('[x-y:v < 2]', { type: 'x-y', v: 1.5 })).toBe(true);
  });
  it('< <= > >= order numbers and strings by code point (9.6.2)', () => {
    expect(on('[file:size > 256]', file)).toBe(true);
    expect(on('[file:size >= 25536]', file)).toBe(true);
    expect(on('[file:size < 25536]', file)).toBe(false);
    expect(on('[file:size <= 25536]', file)).toBe(true);
    expect(on("[file:name > 'foo']", file)).toBe(true);
    expect(on("[x-y:v < 'oz']", { type: 'x-y', v: 'o' })).toBe(true);
    expect(on("[x-y:v < '\u00f2']", { type: 'x-y', v: 'o\u0300' })).toBe(true);
    expect(on("[x-y:v < '\ud83d\ude00']", { type: 'x-y', v: '\uffff' })).toBe(true);
  });
  it('incompatible types are false, except != which is true (9.6.1)', () => {
    expect(on("[file:size = '25536']", file)).toBe(false);
    expect(on("[file:size != '25536']", file)).toBe(true);
    expect(on("[file:size > 'a']", file)).toBe(false);
    expect(on('[file:name = true]', file)).toBe(false);
  });
  it('a missing property makes every comparison false, != and NOT included (9.6)', () => {
    expect(on("[file:mime_type != 'x']", file)).toBe(false);
    expect(on("[file:mime_type NOT = 'x']", file)).toBe(false);
    expect(on("[file:mime_type NOT IN ('x')]", file)).toBe(false);
  });
  it('NOT negates the comparison (9.6.1)', () => {
    expect(on("[file:name NOT = 'foo.dll']", file)).toBe(false);
    expect(on("[file:name NOT = 'bar.dll']", file)).toBe(true);
    expect(on("[file:name NOT LIKE 'foo%']", file)).toBe(false);
    expect(on("[file:name NOT MATCHES '^bar']", file)).toBe(true);
  });
  it('IN is equality with any member', () => {
    expect(on("[file:name IN ('a', 'foo.dll')]", file)).toBe(true);
    expect(on("[file:name IN ('a', 'b')]", file)).toBe(false);
    expect(on('[file:size IN (1, 25536)]', file)).toBe(true);
    expect(on('[file:size IN ()]', file)).toBe(false);
  });
  it('LIKE: % is any run, _ one character, case-sensitive, NFC (9.6.1)', () => {
    const dir = { type: 'directory', path: 'C:\\Windows\\System32\\foo' };
    expect(on("[directory:path LIKE 'C:\\\\Windows\\\\%\\\\foo']", dir)).toBe(true);
    expect(on("[directory:path LIKE 'C:\\\\Windows\\\\%']", dir)).toBe(true);
    expect(on("[directory:path LIKE '%foo']", dir)).toBe(true);
    expect(on("[directory:path LIKE '%System%']", dir)).toBe(true);
    expect(on("[directory:path LIKE 'c:%']", dir)).toBe(false);
    expect(on("[file:name LIKE 'foo_dll']", file)).toBe(true);
    expect(on("[file:name LIKE 'fo_dll']", file)).toBe(false);
    expect(on("[file:name LIKE 'foo.dll']", file)).toBe(true);
    expect(on("[file:name LIKE 'caf\u00e9']", { type: 'file', name: 'cafe\u0301' })).toBe(true);
    expect(on("[file:name LIKE 'a(b)[c]*+?.%']", { type: 'file', name: 'a(b)[c]*+?.x' })).toBe(true);
  });
  it('MATCHES searches with DOTALL on RE2 (9.6.1)', () => {
    expect(on("[file:name MATCHES 'o\\\\.d']", file)).toBe(true);
    expect(on("[file:name MATCHES '^o']", file)).toBe(false);
    expect(on("[x-y:v MATCHES '^a.b$']", { type: 'x-y', v: 'a\nb' })).toBe(true);
    expect(on("[file:name MATCHES '(?i)FOO']", file)).toBe(true);
  });
  it('MATCHES on a catastrophic-backtracking regex returns at once (RE2)', () => {
    const t = performance.now();
    expect(on("[file:name MATCHES '(a+)+$']", { type: 'file', name: `${'a'.repeat(50_000)}!` })).toBe(false);
    expect(on("[file:name MATCHES '^(a|aa)+$']", { type: 'file', name: `${'a'.repeat(50_000)}!` })).toBe(
      false,
    );
    expect(on("[file:name MATCHES '(a+)+$']", { type: 'file', name: 'a'.repeat(50_000) })).toBe(true);
    expect(performance.now() - t).toBeLessThan(1000);
  });
  it('MATCHES rejects constructs RE2 cannot run, naming them', () => {
    expect(() => evaluatePattern("[file:name MATCHES '(a)\\\\1']", [])).toThrow(/backreference/);
    expect(() => evaluatePattern("[file:name MATCHES 'a(?=b)']", [])).toThrow(/lookahead/);
    expect(() => evaluatePattern("[file:name MATCHES '(?<!a)b']", [])).toThrow(/lookbehind/);
  });
  it('ISSUBSET / ISSUPERSET on IPv4 (9.6.1)', () => {
    const ip = (value: string) => ({ type: 'ipv4-addr', value });
    expect(on("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", ip('198.51.100.7'))).toBe(true);
    expect(on("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", ip('198.51.100.0/27'))).toBe(true);
    expect(on("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", ip('198.51.100.0/24'))).toBe(true);
    expect(on("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", ip('198.51.0.0/16'))).toBe(false);
    expect(on("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", ip('198.51.101.1'))).toBe(false);
    expect(on("[ipv4-addr:value ISSUPERSET '198.51.100.0/27']", ip('198.51.100.0/24'))).toBe(true);
    expect(on("[ipv4-addr:value ISSUPERSET '198.51.100.0/24']", ip('198.51.100.0/27'))).toBe(false);
    expect(on("[ipv4-addr:value ISSUBSET '0.0.0.0/0']", ip('203.0.113.9'))).toBe(true);
    expect(on("[ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']", ip('203.0.113.9'))).toBe(true);
  });
  it('ISSUBSET / ISSUPERSET on IPv6 (9.6.1)', () => {
    const ip = (value: string) => ({ type: 'ipv6-addr', value });
    const p = "[ipv6-addr:value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']";
    expect(on(p, ip('2001:db8:dead:beef::1'))).toBe(true);
    expect(on(p, ip('2001:db8:dead:beee::1'))).toBe(false);
    expect(on("[ipv6-addr:value ISSUPERSET '2001:db8::/48']", ip('2001:db8::/32'))).toBe(true);
    expect(on("[ipv6-addr:value ISSUBSET '10.0.0.0/8']", ip('::1'))).toBe(false);
  });
  it('9.3 an IP constant with /32 equals the address on IP objects', () => {
    expect(on("[ipv4-addr:value = '198.51.100.1/32']", { type: 'ipv4-addr', value: '198.51.100.1' })).toBe(
      true,
    );
    expect(
      on("[ipv6-addr:value = '2001:db8::1']", { type: 'ipv6-addr', value: '2001:0db8:0:0:0:0:0:1' }),
    ).toBe(true);
    expect(
      on("[domain-name:value = '198.51.100.1/32']", { type: 'domain-name', value: '198.51.100.1' }),
    ).toBe(false);
  });
  it('EXISTS is true when the property is present, whatever its value', () => {
    expect(
      on('[EXISTS windows-registry-key:values]', { type: 'windows-registry-key', key: 'k', values: [] }),
    ).toBe(true);
    expect(on('[EXISTS windows-registry-key:values]', { type: 'windows-registry-key', key: 'k' })).toBe(
      false,
    );
  });
});

describe('9.6.3, 9.6.4 binary comparison', () => {
  const artifact = {
    type: 'artifact',
    mime_type: 'application/octet-stream',
    payload_bin: 'dGhpcyBpcyBhIHRlc3Q=',
  };
  it('9.6.4 the spec example: payload_bin against string, binary and hex constants', () => {
    expect(on("[artifact:payload_bin = 'dGhpcyBpcyBhIHRlc3Q=']", artifact)).toBe(false);
    expect(on("[artifact:payload_bin = 'this is a test']", artifact)).toBe(true);
    expect(on("[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']", artifact)).toBe(true);
    expect(on("[artifact:payload_bin = h'7468697320697320612074657374']", artifact)).toBe(true);
  });
  it('9.6.4 a string with code points ≥ U+0100 is not comparable with binary: false, != true', () => {
    expect(on("[artifact:payload_bin = 'this is a t\u0113st']", artifact)).toBe(false);
    expect(on("[artifact:payload_bin != 'this is a t\u0113st']", artifact)).toBe(true);
  });
  it('9.6.3 binary values compare as unsigned octets, longer is greater', () => {
    const f = { type: 'file', magic_number_hex: 'ffd8' };
    expect(on("[file:magic_number_hex = h'ffd8']", f)).toBe(true);
    expect(on("[file:magic_number_hex = h'FFD8']", f)).toBe(true);
    expect(on("[file:magic_number_hex > h'00ff']", f)).toBe(true);
    expect(on("[file:magic_number_hex < h'ffd800']", f)).toBe(true);
  });
  it('9.8 MATCHES on a binary property runs without the Unicode flag on octets', () => {
    const pcap = {
      type: 'artifact',
      mime_type: 'application/vnd.tcpdump.pcap',
      payload_bin: Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 9]).toString('base64'),
    };
    const p =
      "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']";
    expect(on(p, pcap)).toBe(true);
  });
});

describe('timestamps (9.2)', () => {
  const f = { type: 'file', ctime: '2014-01-13T07:03:17.000Z' };
  it('a timestamp constant compares as an instant, whatever the precision', () => {
    expect(on("[file:ctime = t'2014-01-13T07:03:17Z']", f)).toBe(true);
    expect(on("[file:ctime > t'2014-01-13T07:03:16.999999Z']", f)).toBe(true);
    expect(on("[file:ctime < t'2014-01-13T07:03:17.0001Z']", f)).toBe(true);
    expect(on("[file:ctime = '2014-01-13T07:03:17Z']", f)).toBe(false);
  });
});

describe('9.7 object paths', () => {
  it('9.7.2 [*] tries every item, [n] one item, out of range is false', () => {
    const nt = { type: 'network-traffic', protocols: ['ipv4', 'tcp', 'http'] };
    expect(on("[network-traffic:protocols[*] = 'tcp']", nt)).toBe(true);
    expect(on("[network-traffic:protocols[1] = 'tcp']", nt)).toBe(true);
    expect(on("[network-traffic:protocols[0] = 'tcp']", nt)).toBe(false);
    expect(on("[network-traffic:protocols[9] != 'tcp']", nt)).toBe(false);
    expect(on("[network-traffic:protocols = 'tcp']", nt)).toBe(false);
  });
  it('9.7.2 nested lists of objects', () => {
    const pe = {
      type: 'file',
      extensions: { 'windows-pebinary-ext': { sections: [{ entropy: 3.1 }, { entropy: 7.9 }] } },
    };
    expect(on("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]", pe)).toBe(true);
    expect(on("[file:extensions.'windows-pebinary-ext'.sections[0].entropy > 7.0]", pe)).toBe(false);
  });
  it('9.7.3 dictionary keys', () => {
    expect(on("[file:hashes.'SHA-256' = 'aa']", file)).toBe(true);
    expect(on("[file:hashes.MD5 = 'bb']", file)).toBe(true);
    expect(on("[file:hashes.md5 = 'bb']", file)).toBe(false);
  });
  it('9.7.4 _ref and _refs dereference within the observation (2.0 keys)', () => {
    const od = observed20([]);
    (od as { objects: unknown }).objects = {
      0: { type: 'email-message', from_ref: '1', to_refs: ['2', '3'] },
      1: { type: 'email-addr', value: 'a@example.com' },
      2: { type: 'email-addr', value: 'b@example.com' },
      3: { type: 'email-addr', value: 'c@example.com' },
    };
    const ev = (p: string) => evaluatePattern(p, [od], { specVersion: '2.0' });
    expect(ev("[email-message:from_ref.value = 'a@example.com']")).toBe(true);
    expect(ev("[email-message:to_refs[*].value = 'c@example.com']")).toBe(true);
    expect(ev("[email-message:to_refs[0].value = 'c@example.com']")).toBe(false);
    expect(ev("[email-message:from_ref = '1']")).toBe(true);
  });
  it('9.7.4 with object_refs only listed SCOs resolve (2.1)', () => {
    const addr = {
      type: 'ipv4-addr',
      id: 'ipv4-addr--11111111-1111-4111-8111-111111111111',
      value: '203.0.113.1',
    };
    const nt = {
      type: 'network-traffic',
      id: 'network-traffic--22222222-2222-4222-8222-222222222222',
      dst_ref: addr.id,
    };
    const od = (refs: string[]) => ({
      type: 'observed-data',
      id: 'observed-data--33333333-3333-4333-8333-333333333333',
      first_observed: '2021-01-01T00:00:00Z',
      last_observed: '2021-01-01T00:00:00Z',
      number_observed: 1,
      object_refs: refs,
      objects: {},
    });
    const p = "[network-traffic:dst_ref.value = '203.0.113.1']";
    expect(evaluatePattern(p, [od([nt.id, addr.id]), nt, addr])).toBe(true);
    expect(evaluatePattern(p, [od([nt.id]), nt, addr])).toBe(false);
    expect(evaluatePattern("[ipv4-addr:value = '203.0.113.1']", [od([nt.id]), nt, addr])).toBe(false);
  });
  it('SDOs other than observed-data never match', () => {
    expect(
      evaluatePattern("[file:name = 'foo.dll']", [{ type: 'file', id: 'file--1', name: 'foo.dll' }]),
    ).toBe(false);
    expect(evaluatePattern("[malware:name = 'x']", [{ type: 'malware', id: 'malware--1', name: 'x' }])).toBe(
      false,
    );
  });
});

describe('9.5 observation expressions', () => {
  it('9.5 the spec example: comparisons must start from one SCO (2.1)', () => {
    const od = {
      type: 'observed-data',
      id: 'observed-data--0960319a-3cab-4258-a143-4dbb25525bb1',
      first_observed: '2019-10-20T00:12:01.000000Z',
      last_observed: '2019-10-20T00:51:02.000000Z',
      number_observed: 1,
      objects: {
        0: { type: 'network-traffic', src_ref: '1' },
        1: { type: 'ipv4-addr', value: '203.0.113.10' },
        2: { type: 'network-traffic', dst_ref: '3' },
        3: { type: 'ipv4-addr', value: '198.51.100.58' },
      },
    };
    const p =
      "[ network-traffic:src_ref.value = '203.0.113.10' AND network-traffic:dst_ref.value = '198.51.100.58' ]";
    expect(evaluatePattern(p, [od])).toBe(false);
    const joined = {
      ...od,
      objects: { ...od.objects, 0: { type: 'network-traffic', src_ref: '1', dst_ref: '3' } },
    };
    expect(evaluatePattern(p, [joined])).toBe(true);
  });
  it('9.5 (type-a AND type-a) OR (type-b AND type-b) holds on one object of either type', () => {
    const p = "[(file:name = 'a' AND file:size = 1) OR (process:name = 'p' AND process:pid = 2)]";
    const ev = (...objects: JsonObject[]) => evaluatePattern(p, observed21(objects));
    expect(ev({ type: 'file', name: 'a', size: 1 })).toBe(true);
    expect(ev({ type: 'file', name: 'a' }, { type: 'file', size: 1 })).toBe(false);
    expect(ev({ type: 'process', name: 'p', pid: 2 })).toBe(true);
  });
  it('2.0 mode lets each comparison of one observation use any of its objects', () => {
    const od = observed20([
      { type: 'file', name: 'a' },
      { type: 'process', name: 'p' },
    ]);
    expect(evaluatePattern("[file:name = 'a' AND process:name = 'p']", [od], { specVersion: '2.0' })).toBe(
      true,
    );
  });
  it('9.5.2 AND and FOLLOWEDBY need different observations; OR either', () => {
    const a = observed21([{ type: 'file', name: 'a' }], { first: '2021-01-01T00:00:00Z' });
    const b = observed21([{ type: 'file', name: 'b' }], { first: '2021-01-01T00:01:00Z' });
    const both = observed21([
      { type: 'file', name: 'a' },
      { type: 'file', name: 'b' },
    ]);
    const and = "[file:name = 'a'] AND [file:name = 'b']";
    expect(evaluatePattern(and, [...a, ...b])).toBe(true);
    expect(evaluatePattern(and, both)).toBe(false);
    expect(evaluatePattern("[file:name = 'a'] OR [file:name = 'zz']", a)).toBe(true);
    expect(evaluatePattern("[file:name = 'a'] FOLLOWEDBY [file:name = 'b']", [...a, ...b])).toBe(true);
    expect(evaluatePattern("[file:name = 'b'] FOLLOWEDBY [file:name = 'a']", [...a, ...b])).toBe(false);
  });
  it('number_observed: one observed-data stands for that many observations', () => {
    const twice = observed21(
      [
        { type: 'file', name: 'a' },
        { type: 'file', name: 'b' },
      ],
      { count: 2 },
    );
    expect(evaluatePattern("[file:name = 'a'] AND [file:name = 'b']", twice)).toBe(true);
    expect(evaluatePattern("[file:name = 'a'] REPEATS 2 TIMES", twice)).toBe(true);
    expect(evaluatePattern("[file:name = 'a'] REPEATS 3 TIMES", twice)).toBe(false);
  });
  it('9.5.1 REPEATS n TIMES needs n distinct observations', () => {
    const one = (t: string) => observed21([{ type: 'file', name: 'a' }], { first: t });
    const three = [
      ...one('2021-01-01T00:00:00Z'),
      ...one('2021-01-01T00:00:10Z'),
      ...one('2021-01-01T00:00:20Z'),
    ];
    expect(evaluatePattern("[file:name = 'a'] REPEATS 3 TIMES", three)).toBe(true);
    expect(evaluatePattern("[file:name = 'a'] REPEATS 4 TIMES", three)).toBe(false);
    expect(evaluatePattern("[file:name = 'a'] REPEATS 3 TIMES WITHIN 30 SECONDS", three)).toBe(true);
    expect(evaluatePattern("[file:name = 'a'] REPEATS 3 TIMES WITHIN 20 SECONDS", three)).toBe(false);
    expect(evaluatePattern("[file:name = 'a'] REPEATS 2 TIMES WITHIN 15 SECONDS", three)).toBe(true);
  });
  it('9.5.2 ([a] FOLLOWEDBY [c]) REPEATS 2 TIMES needs two ordered pairs', () => {
    const at = (name: string, t: string) => observed21([{ type: 'file', name }], { first: t });
    const obs = [
      ...at('a', '2021-01-01T00:00:00Z'),
      ...at('c', '2021-01-01T00:00:01Z'),
      ...at('a', '2021-01-01T00:00:02Z'),
    ];
    const p = "([file:name = 'a'] FOLLOWEDBY [file:name = 'c']) REPEATS 2 TIMES";
    expect(evaluatePattern(p, obs)).toBe(false);
    expect(evaluatePattern(p, [...obs, ...at('c', '2021-01-01T00:00:03Z')])).toBe(true);
  });
  it('9.5.1 WITHIN bounds the time span of all matched observations', () => {
    const a = observed21([{ type: 'file', name: 'a' }], { first: '2021-01-01T00:00:00Z' });
    const b = observed21([{ type: 'file', name: 'b' }], { first: '2021-01-01T00:05:00Z' });
    expect(
      evaluatePattern("([file:name = 'a'] AND [file:name = 'b']) WITHIN 301 SECONDS", [...a, ...b]),
    ).toBe(true);
    expect(
      evaluatePattern("([file:name = 'a'] AND [file:name = 'b']) WITHIN 300 SECONDS", [...a, ...b]),
    ).toBe(false);
  });
  it('9.5.1 START/STOP: observations within [start, stop)', () => {
    const a = observed21([{ type: 'file', name: 'a' }], {
      first: '2016-06-15T00:00:00Z',
      last: '2016-06-16T00:00:00Z',
    });
    const p = (start: string, stop: string) => `[file:name = 'a'] START t'${start}' STOP t'${stop}'`;
    expect(evaluatePattern(p('2016-06-01T00:00:00Z', '2016-07-01T00:00:00Z'), a)).toBe(true);
    expect(evaluatePattern(p('2016-06-15T00:00:00Z', '2016-06-16T00:00:00Z'), a)).toBe(false);
    expect(evaluatePattern(p('2016-06-15T00:00:00Z', '2016-06-16T00:00:00.001Z'), a)).toBe(true);
    expect(evaluatePattern(p('2016-07-01T00:00:00Z', '2016-08-01T00:00:00Z'), a)).toBe(false);
  });
  it('9.8 file hash followed by a registry key within 5 minutes', () => {
    const p =
      "([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS";
    const f = observed21([{ type: 'file', hashes: { MD5: '79054025255fb1a26e4bc422aef54eb4' } }], {
      first: '2021-01-01T00:00:00Z',
    });
    const k = (t: string) =>
      observed21([{ type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\foo\\bar' }], { first: t });
    expect(evaluatePattern(p, [...f, ...k('2021-01-01T00:04:00Z')])).toBe(true);
    expect(evaluatePattern(p, [...f, ...k('2021-01-01T00:06:00Z')])).toBe(false);
    expect(evaluatePattern(p, [...f, ...k('2020-12-31T23:59:00Z')])).toBe(false);
  });
  it('maxBindings bounds the state of multi-observation patterns', () => {
    const many = Array.from({ length: 100 }, (_, i) =>
      observed21([{ type: 'file', name: 'a' }], {
        first: `2021-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
      }),
    ).flat();
    const p = "([file:name = 'a'] AND [file:name = 'a']) WITHIN 1 SECONDS";
    expect(evaluatePattern(p, many)).toBe(true);
    expect(() => evaluatePattern(p, many, { limits: { maxBindings: 1000 } })).toThrow(PatternError);
  });
  it('rejects observations that are not objects', () => {
    expect(() => evaluatePattern("[file:name = 'a']", 'nope')).toThrow(/array/);
    expect(() => evaluatePattern("[file:name = 'a']", [1])).toThrow(/not a JSON object/);
  });
});
