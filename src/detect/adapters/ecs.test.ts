import { describe, expect, it } from 'vitest';
import { fixtureEvents, ofType, readFixture, validStix } from '../test-support/fixture-events.js';
import { createEcsAdapter } from './ecs.js';

describe('ECS adapter (Winlogbeat/Sysmon, Packetbeat, dotted keys)', () => {
  const events = fixtureEvents('ecs', 'ecs/winlogbeat-sysmon.ndjson');

  it('reads every line, and every event gives valid STIX', () => {
    expect(readFixture('ecs', 'ecs/winlogbeat-sysmon.ndjson').filter((r) => r.kind !== 'event')).toEqual([]);
    expect(events).toHaveLength(6);
    for (const e of events) validStix(e);
  });

  it('maps a Sysmon process creation to process with image_ref (hashes lower-cased) and parent_ref', () => {
    const e = events[0]!;
    const [proc] = ofType(e, 'process').filter((p) => p.parent_ref !== undefined);
    expect(proc).toMatchObject({ pid: 4242, command_line: 'C:\\Users\\Public\\payload.exe -connect' });
    const image = e.objects[Number(String(proc?.image_ref).slice(1))];
    expect(image).toEqual({
      type: 'file',
      name: 'payload.exe',
      hashes: {
        MD5: '44d88612fea8a8f36de82e1278abb02f',
        'SHA-256': '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
      },
    });
    expect(e.objects[Number(String(proc?.parent_ref).slice(1))]).toMatchObject({
      type: 'process',
      pid: 1337,
    });
    expect(ofType(e, 'user-account')[0]).toEqual({
      type: 'user-account',
      account_login: 'alice',
      account_type: 'windows-domain',
    });
    expect(e.host).toBe('wks-01.corp.example');
  });

  it('maps source/destination, destination.domain, dns.question.name with resolved_ip', () => {
    expect(ofType(events[1]!, 'network-traffic')[0]).toMatchObject({
      src_port: 49733,
      dst_port: 443,
      protocols: ['ipv4', 'tcp'],
    });
    expect(ofType(events[1]!, 'domain-name')[0]?.value).toBe('c2.example.net');
    const dns = ofType(events[2]!, 'domain-name')[0];
    expect(dns?.value).toBe('c2.example.net');
    expect(dns?.resolves_to_refs).toHaveLength(1);
  });

  it('reads dotted keys and converts an offset time to UTC', () => {
    const e = events[3]!;
    expect(e.time.text).toBe('2021-07-20T08:15:03Z');
    expect(ofType(e, 'url')[0]?.value).toBe('http://downloads.example.org/tools/update.bin?x=1');
    expect(ofType(e, 'network-traffic')[0]?.extensions).toEqual({
      'http-request-ext': {
        request_method: 'get',
        request_value: '/tools/update.bin?x=1',
        request_header: { Host: ['downloads.example.org'], 'User-Agent': ['curl/7.79.1'] },
      },
    });
  });

  it('maps file.hash.*, file.path (its base name), user.id and the TLS server certificate', () => {
    expect(ofType(events[4]!, 'file')[0]).toEqual({
      type: 'file',
      name: 'invoice.doc',
      hashes: { 'SHA-1': '3395856ce81f2b7382dee72602f798b642f14140' },
      size: 48213,
    });
    expect(ofType(events[5]!, 'x509-certificate')[0]).toMatchObject({
      hashes: { 'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      serial_number: '0A1B2C3D',
    });
    expect(ofType(events[5]!, 'domain-name')[0]?.value).toBe('login.example.com');
  });

  it('reads a time without offset at --tz, and rejects wrong types naming the field', () => {
    const a = createEcsAdapter({ offset: 120 });
    const r = a.read('{"@timestamp":"2021-07-20 10:00:00","host":{"name":"h"}}');
    expect(r.kind === 'event' && r.event.time.text).toBe('2021-07-20T08:00:00Z');
    expect(a.read('{"@timestamp":"2021-07-20T10:00:00Z","source":{"ip":42}}')).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('source.ip'),
    });
    expect(
      a.read('{"@timestamp":"2021-07-20T10:00:00Z","source":{"ip":"1.2.3.4","port":"x"}}'),
    ).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('source.port'),
    });
    expect(a.read('{"@timestamp":true}')).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('@timestamp'),
    });
    expect(a.read('{"@timestamp":"2021-07-20T10:00:00Z","file":{"hash":"abc"}}')).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('file.hash'),
    });
  });
});
