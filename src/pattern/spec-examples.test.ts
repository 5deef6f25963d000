import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluatePattern } from './matcher/evaluate.js';

type Objects = Record<string, Record<string, unknown>>;
/** One observed-data at `second` seconds past 2021-01-01T00:00Z embedding `objects` (refs are their keys). */
const at = (second: number, objects: Objects, count = 1) => {
  const t = new Date(Date.UTC(2021, 0, 1, 0, 0, second)).toISOString();
  return { type: 'observed-data', first_observed: t, last_observed: t, number_observed: count, objects };
};
const one = (objects: Objects) => [at(0, objects)];

const examples = readFileSync(
  new URL('../../test/fixtures/pattern/spec-examples-9.8.jsonl', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { title: string; pattern: string });

const SHA_A = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';
const SHA_B = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c';
const pe = (entropy: number) => ({
  type: 'file',
  extensions: { 'windows-pebinary-ext': { sections: [{ entropy: 1 }, { entropy }] } },
});
const unix = (id: string, login: string) => ({
  type: 'user-account',
  account_type: 'unix',
  user_id: id,
  account_login: login,
});
const pcap = (bytes: number[]) => ({
  type: 'artifact',
  mime_type: 'application/vnd.tcpdump.pcap',
  payload_bin: Buffer.from(bytes).toString('base64'),
});
const cmd = 'C:\\>-add GlobalSign.cer -c -s -r localMachine Root';
const cmd2 = 'C:\\>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher';

/** For each 9.8 example (by index): observations it must match and a near miss it must not. */
const CASES: Record<number, { match: unknown[]; miss: unknown[] }> = {
  0: {
    match: one({ 0: { type: 'file', hashes: { 'SHA-256': SHA_A } } }),
    miss: one({ 0: { type: 'file', hashes: { 'SHA-256': SHA_B } } }),
  },
  1: {
    match: one({
      0: { type: 'email-message', from_ref: '1', body_multipart: [{ body_raw_ref: '2' }] },
      1: { type: 'email-addr', value: 'boss@example.com' },
      2: { type: 'file', name: 'Final Report 2021.exe' },
    }),
    miss: one({
      0: { type: 'email-message', from_ref: '1', body_multipart: [{ body_raw_ref: '2' }] },
      1: { type: 'email-addr', value: 'boss@example.org' },
      2: { type: 'file', name: 'Final Report 2021.exe' },
    }),
  },
  2: {
    match: one({ 0: { type: 'file', hashes: { 'SHA-256': SHA_A }, mime_type: 'application/x-pdf' } }),
    miss: one({ 0: { type: 'file', hashes: { 'SHA-256': SHA_A }, mime_type: 'application/pdf' } }),
  },
  3: {
    match: [
      at(0, { 0: { type: 'file', hashes: { MD5: 'cead3f77f6cda6ec00f57d76c9a6879f' } } }),
      at(1, { 0: { type: 'file', hashes: { 'SHA-256': SHA_A } } }),
    ],
    miss: one({
      0: { type: 'file', hashes: { MD5: 'cead3f77f6cda6ec00f57d76c9a6879f' } },
      1: { type: 'file', hashes: { 'SHA-256': SHA_A } },
    }),
  },
  4: {
    match: [
      at(0, { 0: { type: 'file', hashes: { MD5: '79054025255fb1a26e4bc422aef54eb4' } } }),
      at(299, { 0: { type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\foo\\bar' } }),
    ],
    miss: [
      at(0, { 0: { type: 'file', hashes: { MD5: '79054025255fb1a26e4bc422aef54eb4' } } }),
      at(300, { 0: { type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\foo\\bar' } }),
    ],
  },
  5: {
    match: [
      at(0, { 0: unix('1007', 'Peter') }),
      at(1, { 0: unix('1008', 'Paul') }),
      at(2, { 0: unix('1009', 'Mary') }),
    ],
    miss: [
      at(0, { 0: unix('1007', 'Peter') }),
      at(1, { 0: unix('1008', 'Paul') }),
      at(2, { 0: unix('1009', 'Marie') }),
    ],
  },
  6: {
    match: one({ 0: pcap([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0]) }),
    miss: one({ 0: pcap([0xa1, 0xb2, 0xc3, 0xd4, 0, 2, 0, 4]) }),
  },
  7: {
    match: one({
      0: { type: 'file', name: 'foo.dll', parent_directory_ref: '1' },
      1: { type: 'directory', path: 'C:\\Windows\\System32' },
    }),
    miss: one({
      0: { type: 'file', name: 'foo.dll', parent_directory_ref: '1' },
      1: { type: 'directory', path: 'C:\\Windows' },
    }),
  },
  8: { match: one({ 0: pe(7.2) }), miss: one({ 0: pe(6.9) }) },
  9: {
    match: one({ 0: { type: 'file', mime_type: 'image/bmp', magic_number_hex: 'FFD8' } }),
    miss: one({ 0: { type: 'file', mime_type: 'image/bmp', magic_number_hex: '424D' } }),
  },
  10: {
    match: one({
      0: { type: 'network-traffic', dst_ref: '1' },
      1: { type: 'ipv4-addr', value: '203.0.113.33' },
    }),
    miss: one({
      0: { type: 'network-traffic', src_ref: '1' },
      1: { type: 'ipv4-addr', value: '203.0.113.33' },
    }),
  },
  11: {
    match: [0, 300, 600, 900, 1200].map((s) =>
      at(s, {
        0: { type: 'network-traffic', dst_ref: '1' },
        1: { type: 'domain-name', value: 'example.com' },
      }),
    ),
    miss: [0, 300, 600, 900, 1800].map((s) =>
      at(s, {
        0: { type: 'network-traffic', dst_ref: '1' },
        1: { type: 'domain-name', value: 'example.com' },
      }),
    ),
  },
  12: {
    match: one({
      0: { type: 'domain-name', value: 'www.5z8.info', resolves_to_refs: ['1', '2'] },
      1: { type: 'ipv4-addr', value: '203.0.113.1' },
      2: { type: 'ipv4-addr', value: '198.51.100.1' },
    }),
    miss: one({
      0: { type: 'domain-name', value: 'www.5z8.info', resolves_to_refs: ['1'] },
      1: { type: 'ipv4-addr', value: '203.0.113.1' },
      2: { type: 'ipv4-addr', value: '198.51.100.1' },
    }),
  },
  13: {
    match: one({ 0: { type: 'url', value: 'http://example.com/bar' } }),
    miss: one({ 0: { type: 'url', value: 'http://example.com/baz' } }),
  },
  14: {
    match: one({
      0: {
        type: 'x509-certificate',
        issuer: 'CN=WEBMAIL',
        serial_number: '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28',
      },
    }),
    miss: one({
      0: { type: 'x509-certificate', issuer: 'CN=WEBMAIL' },
      1: { type: 'x509-certificate', serial_number: '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28' },
    }),
  },
  15: {
    match: one({
      0: { type: 'windows-registry-key', key: 'HKEY_CURRENT_USER\\Software\\CryptoLocker\\Files' },
    }),
    miss: one({ 0: { type: 'windows-registry-key', key: 'HKEY_CURRENT_USER\\Software\\CryptoLocker' } }),
  },
  16: {
    match: one({ 0: { type: 'file', size: 371712, created: '2014-01-13T07:03:17.000Z' } }),
    miss: one({ 0: { type: 'file', name: 'pdf.exe', created: '2014-01-13T07:03:18Z' } }),
  },
  17: {
    match: one({
      0: { type: 'email-message', sender_ref: '1', subject: 'Conference Info' },
      1: { type: 'email-addr', value: 'jdoe@example.com' },
    }),
    miss: one({
      0: { type: 'email-message', from_ref: '1', subject: 'Conference Info' },
      1: { type: 'email-addr', value: 'jdoe@example.com' },
    }),
  },
  18: {
    match: one({ 0: { type: 'x-usb-device', usbdrive: { serial_number: '575833314133343231313937' } } }),
    miss: one({ 0: { type: 'x-usb-device', serial_number: '575833314133343231313937' } }),
  },
  19: {
    match: [
      at(0, { 0: { type: 'process', command_line: cmd } }),
      at(200, { 0: { type: 'process', command_line: cmd2 } }),
    ],
    miss: [
      at(0, { 0: { type: 'process', command_line: cmd2 } }),
      at(200, { 0: { type: 'process', command_line: cmd } }),
    ],
  },
  20: {
    match: one({
      0: { type: 'network-traffic', dst_ref: '1' },
      1: { type: 'ipv6-addr', value: '2001:db8:dead:beef::1' },
    }),
    miss: one({
      0: { type: 'network-traffic', dst_ref: '1' },
      1: { type: 'ipv6-addr', value: '2001:db8:dead:bee0::1' },
    }),
  },
  21: {
    match: one({ 0: { type: 'process', image_ref: '1' }, 1: { type: 'file', name: 'procfoo' } }),
    miss: one({
      0: { type: 'file', name: 'foo.dll' },
      1: { type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\foo\\bar' },
    }),
  },
};

describe('9.8 examples give the documented results', () => {
  it('covers every example of section 9.8', () => {
    expect(Object.keys(CASES).map(Number)).toEqual(examples.map((_, i) => i));
  });
  it.each(examples.map((e, i) => [i, e.title, e.pattern] as const))('9.8 #%i %s', (i, _title, pattern) => {
    const c = CASES[i];
    expect(c).toBeDefined();
    expect(evaluatePattern(pattern, c?.match)).toBe(true);
    expect(evaluatePattern(pattern, c?.miss)).toBe(false);
  });
});
