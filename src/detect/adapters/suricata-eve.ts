/**
 * Suricata EVE JSON (one object per line; `event_type` alert, flow, dns, http, tls, fileinfo, …):
 * the flow's endpoints, DNS queries and answers (EVE v1 and v2 shapes), HTTP requests, TLS SNI and
 * certificate, and file hashes.
 */
import { canonicalHexHash } from '../model/canonical-values.js';
import { compact, Drafts } from '../model/drafts.js';
import type { LogEvent } from '../model/log-event.js';
import { count, field, ipValue, fieldPath as p, portValue, str } from '../record/field-readers.js';
import { type JsonRecord, parseJsonLine } from '../record/json-line.js';
import { RecordRejection, wrongField } from '../record/record-rejection.js';
import { isoTime, type UtcOffset } from '../time/event-time.js';
import { guarded } from './guarded.js';
import type { AdapterOptions, LogAdapter } from './log-adapter.js';

const F = {
  timestamp: p('timestamp'),
  src: p('src_ip'),
  srcPort: p('src_port'),
  dst: p('dest_ip'),
  dstPort: p('dest_port'),
  proto: p('proto'),
  appProto: p('app_proto'),
  hostname: p('http.hostname'),
  url: p('http.url'),
  method: p('http.http_method'),
  ua: p('http.http_user_agent'),
  referer: p('http.http_refer'),
  protocol: p('http.protocol'),
  sni: p('tls.sni'),
  tlsFingerprint: p('tls.fingerprint'),
  tlsSerial: p('tls.serial'),
  tlsSubject: p('tls.subject'),
  tlsIssuer: p('tls.issuerdn'),
  tlsBefore: p('tls.notbefore'),
  tlsAfter: p('tls.notafter'),
  dns: p('dns'),
  filename: p('fileinfo.filename'),
  md5: p('fileinfo.md5'),
  sha1: p('fileinfo.sha1'),
  sha256: p('fileinfo.sha256'),
  size: p('fileinfo.size'),
};

/** True when a JSON record looks like Suricata EVE: `event_type` with `timestamp`. */
export function looksLikeEve(r: JsonRecord): boolean {
  return 'event_type' in r && 'timestamp' in r;
}

function dnsRecords(r: JsonRecord, d: Drafts): void {
  const dns = field(r, F.dns);
  if (dns === undefined) return;
  if (typeof dns !== 'object' || Array.isArray(dns)) wrongField('dns', 'an object', dns);
  const o = dns as JsonRecord;
  const names: string[] = [];
  const answers: Array<{ name: string | undefined; data: unknown }> = [];
  const take = (x: unknown, where: string): void => {
    if (typeof x !== 'object' || x === null) wrongField(where, 'an object', x);
    const rec = x as JsonRecord;
    if (rec.rrname !== undefined && typeof rec.rrname !== 'string')
      wrongField(`${where}.rrname`, 'a string', rec.rrname);
    if (rec.rdata !== undefined) answers.push({ name: rec.rrname as string | undefined, data: rec.rdata });
    else if (typeof rec.rrname === 'string') names.push(rec.rrname);
  };
  // EVE v1: one record per line (type query|answer); v2: queries[] and answers[] lists.
  if (o.type === 'answer' || o.type === 'query') take(o, 'dns');
  for (const key of ['queries', 'answers'] as const) {
    const xs = o[key];
    if (xs === undefined) continue;
    if (!Array.isArray(xs)) wrongField(`dns.${key}`, 'a list', xs);
    xs.forEach((x: unknown, i) => {
      take(x, `dns.${key}[${i}]`);
    });
  }
  if (typeof o.rrname === 'string' && o.type === undefined) names.push(o.rrname);
  const resolved = new Map<string, string[]>();
  for (const a of answers) {
    if (typeof a.data !== 'string') continue;
    const ip = d.ip(a.data);
    if (!a.name) continue;
    if (ip) resolved.set(a.name, [...(resolved.get(a.name) ?? []), ip]);
    else d.domain(a.data);
  }
  for (const name of new Set([...names, ...answers.flatMap((a) => (a.name ? [a.name] : []))]))
    d.domain(name, resolved.get(name) ?? []);
}

function eveEvent(r: JsonRecord, offset: UtcOffset): LogEvent {
  const ts = str(r, F.timestamp);
  if (ts === undefined) throw new RecordRejection('field timestamp: missing');
  const time = isoTime(ts, offset) ?? wrongField('timestamp', 'an ISO 8601 timestamp', ts);
  const d = new Drafts();
  const srcText = str(r, F.src);
  const src = d.ip(ipValue('src_ip', srcText));
  const dst = d.ip(ipValue('dest_ip', str(r, F.dst)));
  const method = str(r, F.method);
  const url = str(r, F.url);
  const hostname = str(r, F.hostname);
  const ua = str(r, F.ua);
  const referer = str(r, F.referer);
  if (src || dst) {
    const protocols = [d.objects[0]?.type === 'ipv6-addr' ? 'ipv6' : 'ipv4'];
    for (const x of [str(r, F.proto), str(r, F.appProto)])
      if (x && x !== 'failed') protocols.push(x.toLowerCase());
    const header = compact({
      Host: hostname === undefined ? undefined : [hostname],
      'User-Agent': ua === undefined ? undefined : [ua],
      Referer: referer === undefined ? undefined : [referer],
    });
    d.add(
      compact({
        type: 'network-traffic',
        src_ref: src,
        dst_ref: dst,
        src_port: portValue('src_port', field(r, F.srcPort)),
        dst_port: portValue('dest_port', field(r, F.dstPort)),
        protocols,
        extensions:
          method !== undefined && url !== undefined
            ? {
                'http-request-ext': compact({
                  request_method: method.toLowerCase(),
                  request_value: url,
                  request_version: str(r, F.protocol)?.toLowerCase(),
                  request_header: Object.keys(header).length > 0 ? header : undefined,
                }),
              }
            : undefined,
      }),
    );
  }
  if (hostname !== undefined) {
    d.domain(hostname);
    if (url !== undefined) {
      const port = portValue('dest_port', field(r, F.dstPort));
      const scheme = port === 443 ? 'https' : 'http';
      const authority = port === undefined || port === 80 || port === 443 ? hostname : `${hostname}:${port}`;
      d.url(`${scheme}://${authority.toLowerCase()}${url.startsWith('/') ? url : `/${url}`}`);
    }
  }
  d.domain(str(r, F.sni));
  dnsRecords(r, d);
  const fp = str(r, F.tlsFingerprint);
  const fpHex = fp === undefined ? undefined : canonicalHexHash(fp.replace(/:/g, ''));
  const serial = str(r, F.tlsSerial);
  if (fpHex || serial !== undefined) {
    const before = str(r, F.tlsBefore);
    const after = str(r, F.tlsAfter);
    d.add(
      compact({
        type: 'x509-certificate',
        // EVE's tls.fingerprint is the certificate's SHA-1.
        hashes: fpHex ? { 'SHA-1': fpHex } : undefined,
        serial_number: serial,
        subject: str(r, F.tlsSubject),
        issuer: str(r, F.tlsIssuer),
        validity_not_before: before === undefined ? undefined : isoTime(before, 0)?.text,
        validity_not_after: after === undefined ? undefined : isoTime(after, 0)?.text,
      }),
    );
  }
  const hashes = compact({
    MD5: str(r, F.md5) === undefined ? undefined : canonicalHexHash(str(r, F.md5) as string),
    'SHA-1': str(r, F.sha1) === undefined ? undefined : canonicalHexHash(str(r, F.sha1) as string),
    'SHA-256': str(r, F.sha256) === undefined ? undefined : canonicalHexHash(str(r, F.sha256) as string),
  });
  const filename = str(r, F.filename);
  const name = filename?.slice(filename.lastIndexOf('/') + 1) || undefined;
  if (Object.keys(hashes).length > 0 || name !== undefined)
    d.add(
      compact({
        type: 'file',
        name,
        hashes: Object.keys(hashes).length > 0 ? hashes : undefined,
        size: count(r, F.size),
      }),
    );
  return { time, host: srcText, objects: d.objects };
}

/** The Suricata EVE reader. */
export function createEveAdapter(options: AdapterOptions = {}): LogAdapter {
  const offset = options.offset ?? 0;
  return {
    format: 'suricata',
    read: (line) =>
      line.trim() === ''
        ? { kind: 'reject', reason: 'empty line' }
        : guarded(() => eveEvent(parseJsonLine(line), offset)),
    context: () => '',
  };
}
