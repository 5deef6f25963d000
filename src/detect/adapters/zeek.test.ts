import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, fixtureEvents, ofType, readFixture, validStix } from '../test-support/fixture-events.js';
import { createZeekAdapter } from './zeek.js';

describe('Zeek JSON adapter on the OTRF APT29 logs (real data)', () => {
  const results = readFixture('zeek', 'zeek-apt29/combined_zeek.log');
  const events = results.flatMap((r) => (r.kind === 'event' ? [r.event] : []));

  it('reads every one of the 2,140 lines as an event', () => {
    expect(results.filter((r) => r.kind !== 'event')).toEqual([]);
    expect(events).toHaveLength(2140);
  });

  it('maps every event to objects the STIX validator accepts (6.x SCOs, 4.14 observed-data)', () => {
    for (const [i, e] of events.entries()) if (e.objects.length > 0) validStix(e, String(i));
  });

  it('keeps the microseconds of ts and writes UTC', () => {
    expect(events[0]?.time.text).toBe('2020-04-30T00:06:39.82437Z');
    expect(events[0]?.host).toBe('10.0.1.6');
  });

  it('maps conn endpoints, dns queries with their answers, http requests and file hashes', () => {
    const conn = events[0];
    expect(conn && ofType(conn, 'network-traffic')[0]).toMatchObject({
      src_port: 54243,
      dst_port: 53,
      protocols: ['ipv4', 'udp', 'dns'],
    });
    const lines = readFileSync(fixture('zeek-apt29/combined_zeek.log'), 'utf8').split('\n');
    const dnsAt = lines.findIndex((l) => l.includes('"@stream":"dns"'));
    const dns = events[dnsAt];
    const name = dns && ofType(dns, 'domain-name')[0];
    expect(name?.value).toBe('newyork.dmevals.local');
    // The answer is the responder's own address: one ipv4-addr, referred to by both.
    const refs = name?.resolves_to_refs as string[];
    expect(refs.map((r) => dns?.objects[Number(r.slice(1))]?.value)).toEqual(['10.0.0.4']);
    const httpAt = lines.findIndex((l) => l.includes('"@stream":"http"'));
    const http = events[httpAt];
    expect(http && ofType(http, 'network-traffic')[0]?.extensions).toEqual({
      'http-request-ext': {
        request_method: 'options',
        request_value: '/',
        request_version: 'http/1.1',
        request_header: { Host: ['192.168.0.4'], 'User-Agent': ['DavClnt'] },
      },
    });
    const filesAt = lines.findIndex((l) => l.includes('"@stream":"files"'));
    const file = events[filesAt];
    expect(file && ofType(file, 'file')[0]).toMatchObject({
      name: 'gpt.ini',
      hashes: {
        MD5: 'cc85d7649546d3c0b1607f761b73fec2',
        'SHA-1': '1a1a10b819f321b91b47d7dd73668406a15992db',
      },
    });
  });
});

describe('Zeek TSV adapter', () => {
  it('honours #fields again when it changes mid-file, and reads IPv6 in lower case', () => {
    const results = readFixture('zeek', 'zeek/conn.log');
    const events = results.flatMap((r) => (r.kind === 'event' ? [r.event] : []));
    expect(events).toHaveLength(3);
    expect(ofType(events[2]!, 'ipv6-addr').map((o) => o.value)).toEqual(['2001:db8::5', '2001:db8::1']);
    expect(ofType(events[1]!, 'network-traffic')[0]).toMatchObject({
      protocols: ['ipv4', 'udp', 'dns'],
      dst_port: 53,
    });
    expect(events[1]!.time.text).toBe('2021-07-20T00:01:00.123456Z');
    for (const e of events) validStix(e);
  });

  it('reads vector fields, canonicalises domains, unescapes \\x09 (a tab is no domain)', () => {
    const events = fixtureEvents('zeek', 'zeek/dns.log');
    expect(ofType(events[0]!, 'domain-name').map((o) => o.value)).toEqual([
      'cdn.example.net',
      'update.example.com',
    ]);
    expect(ofType(events[0]!, 'domain-name')[1]?.resolves_to_refs).toHaveLength(1);
    expect(ofType(events[1]!, 'domain-name').map((o) => o.value)).toEqual(['nothing.example.org']);
    expect(ofType(events[2]!, 'domain-name')).toEqual([]);
  });

  it('maps x509 fingerprint as hashes.SHA-256 in lower case, with validity and exponent', () => {
    const [e] = fixtureEvents('zeek', 'zeek/x509.log');
    expect(ofType(e!, 'x509-certificate')[0]).toEqual({
      type: 'x509-certificate',
      hashes: { 'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      version: '3',
      serial_number: '0A1B2C3D',
      signature_algorithm: 'sha256WithRSAEncryption',
      issuer: 'CN=Example Test CA',
      validity_not_before: '2021-01-01T00:00:00.000000Z',
      validity_not_after: '2025-01-01T00:00:00.000000Z',
      subject: 'CN=c2.example.net',
      subject_public_key_algorithm: 'rsaEncryption',
      subject_public_key_exponent: 65537,
    });
    validStix(e!);
  });

  it('maps http host, uri (url with its port) and user agent; invents no method for a row without one', () => {
    const [post, none] = fixtureEvents('zeek', 'zeek/http.log');
    expect(ofType(post!, 'url')[0]?.value).toBe('http://update.example.com:8080/gate.php?id=1');
    expect(ofType(post!, 'network-traffic')[0]?.extensions).toMatchObject({
      'http-request-ext': {
        request_method: 'post',
        request_header: { 'User-Agent': ['Mozilla/5.0 (Windows NT 10.0; Win64; x64)'] },
      },
    });
    expect(ofType(none!, 'network-traffic')[0]?.extensions).toBeUndefined();
  });

  it('keeps a file size above 2^53 exact (BigInt) and hashes in lower case', () => {
    const [e] = fixtureEvents('zeek', 'zeek/files.log');
    const f = ofType(e!, 'file')[0];
    expect(f?.size).toBe(18446744073709551615n);
    expect(f?.hashes).toEqual({
      MD5: '44d88612fea8a8f36de82e1278abb02f',
      'SHA-1': '3395856ce81f2b7382dee72602f798b642f14140',
      'SHA-256': '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
    });
    expect(ofType(e!, 'ipv4-addr').map((o) => o.value)).toEqual(['198.51.100.80', '192.0.2.10']);
  });

  it('rejects data before #fields, a wrong field count and a bad port, naming the field', () => {
    const a = createZeekAdapter();
    expect(a.read('1626739200.0\tC1\t192.0.2.1')).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('#fields'),
    });
    a.read('#fields\tts\tid.orig_h\tid.orig_p');
    expect(a.read('1626739200.0\t192.0.2.1')).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('expected 3'),
    });
    expect(a.read('1626739200.0\t192.0.2.1\t70000')).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('id.orig_p'),
    });
    expect(a.read('yesterday\t192.0.2.1\t7')).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('field ts'),
    });
    expect(a.read('1626739200.0\tnot-an-ip\t7')).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('id.orig_h'),
    });
  });
});
