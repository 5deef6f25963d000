import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkKind, ipType, stixTimestamp } from './value-kinds.js';

describe('value kinds: what a MISP value must be', () => {
  it('an ip is any IPv4 or IPv6 address, or a CIDR block of one', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (ip) => {
        expect(checkKind('ip', ip)).toEqual({ ok: true, value: ip });
        expect(ipType(ip)).toBe(ip.includes(':') ? 'ipv6-addr' : 'ipv4-addr');
      }),
    );
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (ip, bits) => {
        expect(checkKind('ip', `${ip}/${bits}`).ok).toBe(true);
      }),
    );
    for (const bad of [
      '999.1.2.300',
      '198.51.100',
      'example.com',
      '198.51.100.1/33',
      '2001:db8::/129',
      '1.2.3.4/x',
    ])
      expect(checkKind('ip', bad).ok, bad).toBe(false);
  });

  it('a domain is dot-separated labels of letters, digits, - and _, up to 253 characters; an IP is not one', () => {
    fc.assert(
      fc.property(fc.domain(), (d) => {
        expect(checkKind('domain', d).ok).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(checkKind('domain', ip).ok).toBe(false);
      }),
    );
    for (const bad of ['localhost', 'a..b', '-x.example', 'exa mple.com', `${'a'.repeat(64)}.example`])
      expect(checkKind('domain', bad).ok, bad).toBe(false);
    expect(checkKind('hostname', 'localhost').ok).toBe(true);
    expect(checkKind('domain', 'bücher.example').ok).toBe(true);
  });

  it('checks never take long on hostile input (no backtracking)', () => {
    const hostile = `${'a-'.repeat(50_000)}!`;
    const started = performance.now();
    for (const kind of ['domain', 'email', 'url', 'ssdeep', 'tlsh', 'hex:64', 'ip', 'timestamp'] as const)
      checkKind(kind, hostile);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a hash has its length in hex digits; sha256 is 64', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), (h) => {
        expect(checkKind('hex:64', h).ok).toBe(true);
        expect(checkKind('hex:40', h).ok).toBe(false);
      }),
    );
    expect(checkKind('hex:70-72', 'a'.repeat(71)).ok).toBe(true);
    expect(checkKind('hex:32', 'z'.repeat(32))).toEqual({ ok: false, why: 'not hexadecimal' });
  });

  it('ports and AS numbers become integers in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), (p) => {
        expect(checkKind('port', String(p))).toEqual({ ok: true, value: p });
      }),
    );
    expect(checkKind('port', '65536').ok).toBe(false);
    expect(checkKind('asn', 'AS64496')).toEqual({ ok: true, value: 64496 });
    expect(checkKind('asn', 'as12')).toEqual({ ok: true, value: 12 });
  });

  it('6.17.1 registry hives are written in full', () => {
    expect(checkKind('regkey', 'HKLM\\Software\\X')).toEqual({
      ok: true,
      value: 'HKEY_LOCAL_MACHINE\\Software\\X',
    });
    expect(checkKind('regkey', 'hkcu\\Software')).toEqual({ ok: true, value: 'HKEY_CURRENT_USER\\Software' });
    expect(checkKind('regkey', 'HKEY_USERS\\S-1-5')).toEqual({ ok: true, value: 'HKEY_USERS\\S-1-5' });
  });

  it('2.16 MISP datetimes become UTC STIX timestamps, keeping their fraction digits', () => {
    expect(stixTimestamp('2020-10-25T16:22:00+00:00')).toBe('2020-10-25T16:22:00Z');
    expect(stixTimestamp('2020-10-25T18:22:00.123456+0200')).toBe('2020-10-25T16:22:00.123456Z');
    expect(stixTimestamp('2020-10-25 16:22:00')).toBe('2020-10-25T16:22:00Z');
    expect(stixTimestamp('yesterday')).toBeUndefined();
    fc.assert(
      fc.property(fc.date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        expect(stixTimestamp(iso)).toBe(iso);
      }),
    );
  });

  it('file names and text keep their exact value (white space included)', () => {
    const name = 'Thu moi tham du hoi nghi.doc      .exe';
    expect(checkKind('filename', name)).toEqual({ ok: true, value: name });
    expect(checkKind('filename', 'a\u0000b').ok).toBe(false);
  });
});
