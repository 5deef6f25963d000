import { describe, expect, it } from 'vitest';
import { fixtureEvents, ofType, readFixture, validStix } from '../test-support/fixture-events.js';
import { createEveAdapter } from './suricata-eve.js';

describe('Suricata EVE adapter', () => {
  const events = fixtureEvents('suricata', 'suricata/eve.json');

  it('reads every line (a flow_id above 2^53 included), each to valid STIX', () => {
    expect(readFixture('suricata', 'suricata/eve.json').filter((r) => r.kind !== 'event')).toEqual([]);
    expect(events).toHaveLength(6);
    for (const e of events) validStix(e);
  });

  it('maps src_ip/dest_ip with ports and protocols, and keeps microseconds in UTC', () => {
    expect(events[0]?.time.text).toBe('2021-07-20T00:10:00.123456Z');
    expect(ofType(events[0]!, 'network-traffic')[0]).toMatchObject({
      src_port: 51515,
      dst_port: 443,
      protocols: ['ipv4', 'tcp', 'tls'],
    });
    expect(ofType(events[5]!, 'ipv6-addr').map((o) => o.value)).toEqual(['2001:db8::5', '2001:db8::1']);
  });

  it('maps dns v2 answers: the query resolves to addresses through CNAMEs listed as names', () => {
    const names = ofType(events[1]!, 'domain-name');
    expect(names.map((n) => n.value).sort()).toEqual(['c2.example.net', 'edge.example.net']);
    expect(names.find((n) => n.value === 'edge.example.net')?.resolves_to_refs).toHaveLength(1);
  });

  it('maps http (lower-case host in the url, port kept) and tls sni, fingerprint as SHA-1', () => {
    expect(ofType(events[2]!, 'url')[0]?.value).toBe('http://downloads.example.org:8080/tools/update.bin');
    expect(ofType(events[2]!, 'network-traffic')[0]?.extensions).toMatchObject({
      'http-request-ext': { request_method: 'get', request_version: 'http/1.1' },
    });
    expect(ofType(events[3]!, 'domain-name')[0]?.value).toBe('c2.example.net');
    expect(ofType(events[3]!, 'x509-certificate')[0]).toMatchObject({
      hashes: { 'SHA-1': '3395856ce81f2b7382dee72602f798b642f14140' },
      validity_not_before: '2021-01-01T00:00:00Z',
    });
  });

  it('maps fileinfo hashes and name', () => {
    expect(ofType(events[4]!, 'file')[0]).toEqual({
      type: 'file',
      name: 'update.bin',
      hashes: {
        MD5: '44d88612fea8a8f36de82e1278abb02f',
        'SHA-256': '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
      },
      size: 68,
    });
  });

  it('rejects wrong field types naming the field', () => {
    const a = createEveAdapter();
    const base = '"timestamp":"2021-07-20T00:10:00+0000","event_type":"dns"';
    expect(a.read(`{${base},"dns":[1]}`)).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('field dns'),
    });
    expect(a.read(`{${base},"dns":{"answers":[{"rrname":5,"rdata":"x"}]}}`)).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('dns.answers[0].rrname'),
    });
    expect(a.read(`{${base},"src_ip":"192.0.2.1","dest_port":"http"}`)).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('dest_port'),
    });
  });
});
