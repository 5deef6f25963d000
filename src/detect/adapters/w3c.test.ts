import { describe, expect, it } from 'vitest';
import { fixtureEvents, ofType, readFixture, validStix } from '../test-support/fixture-events.js';
import { createW3cAdapter, EXCHANGE_EXTENSION_ID } from './w3c.js';

describe('W3C adapter: IIS', () => {
  const events = fixtureEvents('w3c', 'w3c/u_ex210720.log');

  it('reads every data line under both #Fields: headers, each to valid STIX', () => {
    expect(readFixture('w3c', 'w3c/u_ex210720.log').filter((r) => r.kind === 'reject')).toEqual([]);
    expect(events).toHaveLength(4);
    for (const e of events) validStix(e);
  });

  it('maps c-ip, s-ip, s-port, cs-method (lower case) and cs-uri-stem ? cs-uri-query, date + time as UTC', () => {
    const e = events[0]!;
    expect(e.time.text).toBe('2021-07-20T00:00:01Z');
    expect(e.host).toBe('203.0.113.50');
    expect(ofType(e, 'ipv4-addr').map((o) => o.value)).toEqual(['203.0.113.50', '192.0.2.80']);
    expect(ofType(e, 'network-traffic')[0]).toMatchObject({
      dst_port: 443,
      extensions: {
        'http-request-ext': {
          request_method: 'get',
          request_value: '/owa/auth/logon.aspx?replaceCurrent=1',
          request_header: { 'User-Agent': ['Mozilla/5.0 (Windows NT 10.0; Win64; x64)'] },
        },
      },
    });
    expect(ofType(events[2]!, 'user-account')[0]?.account_login).toBe('CORP\\bob');
    expect(ofType(events[3]!, 'url')[0]?.value).toBe('http://www.example.com/index.html');
  });

  it('reads date and time at --tz when given', () => {
    const [e] = fixtureEvents('w3c', 'w3c/u_ex210720.log', -300);
    expect(e?.time.text).toBe('2021-07-20T05:00:01Z');
  });
});

describe('W3C adapter: Exchange HttpProxy', () => {
  const events = fixtureEvents('w3c', 'w3c/HttpProxy_2021072000-1.LOG');

  it('reads the comma-separated rows with quoted fields, each to valid STIX', () => {
    expect(events).toHaveLength(2);
    for (const e of events) validStix(e);
  });

  it('maps ClientIpAddress, and AnchorMailbox/RoutingHint to the Accord property-extension', () => {
    const nt = ofType(events[0]!, 'network-traffic')[0];
    expect(ofType(events[0]!, 'ipv4-addr')[0]?.value).toBe('203.0.113.66');
    expect(nt?.extensions).toMatchObject({
      'http-request-ext': { request_method: 'post', request_value: '/ecp/y.js' },
      [EXCHANGE_EXTENSION_ID]: {
        extension_type: 'property-extension',
        anchor_mailbox: 'ServerInfo~a]@exch01.corp.example:444/autodiscover/autodiscover.xml?#',
      },
    });
    expect(
      ((nt?.extensions ?? {}) as Record<string, { request_header?: unknown }>)['http-request-ext']
        ?.request_header,
    ).toMatchObject({
      'User-Agent': ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)'],
    });
  });

  it('invents no request_method for a row without Method', () => {
    const nt = ofType(events[1]!, 'network-traffic')[0];
    expect(nt?.extensions).toEqual({
      [EXCHANGE_EXTENSION_ID]: {
        extension_type: 'property-extension',
        routing_hint: 'Mailbox~a1b2c3d4@corp.example',
      },
    });
    expect(ofType(events[1]!, 'user-account')[0]?.account_login).toBe('CORP\\carol');
  });

  it('rejects rows without a header, with a wrong count or a bad address, naming the field', () => {
    const a = createW3cAdapter();
    expect(a.read('2021-07-20 00:00:01 1.2.3.4')).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('#Fields'),
    });
    a.read('#Fields: date time c-ip');
    expect(a.read('2021-07-20 00:00:01')).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('expected 3'),
    });
    expect(a.read('2021-07-20 00:00:01 999.1.1.1')).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('c-ip'),
    });
    expect(a.read('2021-13-20 00:00:01 1.2.3.4')).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('date time'),
    });
  });
});
