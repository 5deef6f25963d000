/**
 * Zeek records (any log: conn, dns, http, ssl, x509, files, smb_files, notice, …) to SCO drafts.
 * Fields are mapped by name, whichever log they come from, so a new log type with the usual field
 * names maps without code. TSV and JSON share this mapping through `ZeekFields`.
 */
import { canonicalHexHash, hashNameByLength } from '../model/canonical-values.js';
import { compact, type DraftObject, Drafts } from '../model/drafts.js';
import type { LogEvent } from '../model/log-event.js';
import { countValue, ipValue, portValue } from '../record/field-readers.js';
import { RecordRejection, wrongField } from '../record/record-rejection.js';
import { type EventTime, epochNumber, epochSeconds, isoTime, type UtcOffset } from '../time/event-time.js';

/** One Zeek record: a field's value by its Zeek name (`id.orig_h`), strings in TSV, typed in JSON. */
export interface ZeekFields {
  get(name: string): unknown;
}

function text(f: ZeekFields, name: string): string | undefined {
  const v = f.get(name);
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') return wrongField(name, 'a string', v);
  return v;
}

function list(f: ZeekFields, name: string): string[] {
  const v = f.get(name);
  if (v === undefined || v === '') return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.filter((x) => x !== '');
  return wrongField(name, 'a list of strings', v);
}

/** A Zeek `time`: epoch seconds (number or text) or, with JSON::TS_ISO8601, an ISO timestamp. */
export function zeekTime(f: ZeekFields, name: string, offset: UtcOffset): EventTime | undefined {
  const v = f.get(name);
  if (v === undefined || v === '') return undefined;
  const t =
    typeof v === 'number'
      ? epochNumber(v)
      : typeof v === 'string'
        ? (epochSeconds(v) ?? isoTime(v, offset))
        : undefined;
  return t ?? wrongField(name, 'a time (epoch seconds or ISO 8601)', v);
}

const basename = (path: string): string =>
  path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

function hashes(pairs: ReadonlyArray<[string, string | undefined]>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) {
    const hex = value === undefined ? undefined : canonicalHexHash(value);
    if (hex) out[name] = hex;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function connection(f: ZeekFields, d: Drafts): void {
  const src = d.ip(ipValue('id.orig_h', f.get('id.orig_h')));
  const dst = d.ip(ipValue('id.resp_h', f.get('id.resp_h')));
  if (!src && !dst) return;
  const family =
    (d.objects[Number((src ?? dst)?.slice(1))] as DraftObject).type === 'ipv6-addr' ? 'ipv6' : 'ipv4';
  const method = text(f, 'method');
  const protocols = [family];
  const proto =
    text(f, 'proto') ?? (method !== undefined || f.get('server_name') !== undefined ? 'tcp' : undefined);
  if (proto) protocols.push(proto.toLowerCase());
  for (const s of (text(f, 'service') ?? '').split(','))
    if (s && !protocols.includes(s)) protocols.push(s.toLowerCase());
  let extensions: Record<string, unknown> | undefined;
  const uri = text(f, 'uri');
  // 6.12.2 http-request-ext: only for a request that has a method (none is invented).
  if (method !== undefined && uri !== undefined) {
    const header = compact({
      Host: text(f, 'host') === undefined ? undefined : [text(f, 'host') as string],
      'User-Agent': text(f, 'user_agent') === undefined ? undefined : [text(f, 'user_agent') as string],
      Referer: text(f, 'referrer') === undefined ? undefined : [text(f, 'referrer') as string],
    });
    extensions = {
      'http-request-ext': compact({
        request_method: method.toLowerCase(),
        request_value: uri,
        request_version: text(f, 'version') === undefined ? undefined : `http/${text(f, 'version')}`,
        request_header: Object.keys(header).length > 0 ? header : undefined,
      }),
    };
  }
  // Built property by property: no undefined to strip (the time is the observed-data's).
  const nt: Record<string, unknown> = { type: 'network-traffic' };
  if (src) nt.src_ref = src;
  if (dst) nt.dst_ref = dst;
  const srcPort = portValue('id.orig_p', f.get('id.orig_p'));
  if (srcPort !== undefined) nt.src_port = srcPort;
  const dstPort = portValue('id.resp_p', f.get('id.resp_p'));
  if (dstPort !== undefined) nt.dst_port = dstPort;
  nt.protocols = protocols;
  if (extensions) nt.extensions = extensions;
  d.add(nt as DraftObject);
}

function web(f: ZeekFields, d: Drafts): void {
  const host = text(f, 'host');
  const uri = text(f, 'uri');
  if (host !== undefined) d.domain(host.replace(/:\d+$/, ''));
  if (host !== undefined && uri !== undefined) {
    const port = portValue('id.resp_p', f.get('id.resp_p'));
    const authority = port === undefined || port === 80 || /:\d+$/.test(host) ? host : `${host}:${port}`;
    d.url(`http://${authority.toLowerCase()}${uri.startsWith('/') ? uri : `/${uri}`}`);
  }
  const user = text(f, 'username');
  if (user !== undefined) d.add({ type: 'user-account', account_login: user });
}

function dns(f: ZeekFields, d: Drafts): void {
  const query = text(f, 'query');
  const answers = list(f, 'answers');
  const addresses: string[] = [];
  for (const a of answers) {
    const ip = d.ip(a);
    if (ip) addresses.push(ip);
    else d.domain(a);
  }
  if (query !== undefined) d.domain(query, addresses);
  const sni = text(f, 'server_name');
  if (sni !== undefined) d.domain(sni);
}

function certificate(f: ZeekFields, d: Drafts, offset: UtcOffset): void {
  // Some deployments log the server certificate's SHA-1 on ssl lines.
  const sha1 = text(f, 'resp_certificate_sha1');
  const hex = sha1 === undefined ? undefined : canonicalHexHash(sha1);
  if (hex) d.add({ type: 'x509-certificate', hashes: { 'SHA-1': hex } });
  const fp = text(f, 'fingerprint');
  const serial = text(f, 'certificate.serial');
  const subject = text(f, 'certificate.subject');
  // Only x509 lines have these; other logs skip the rest of the lookups.
  if (fp === undefined && serial === undefined && subject === undefined) return;
  const fpHex = fp === undefined ? undefined : canonicalHexHash(fp.replace(/:/g, ''));
  const fpName = fpHex === undefined ? undefined : hashNameByLength(fpHex);
  const exponent = text(f, 'certificate.exponent');
  const before = zeekTime(f, 'certificate.not_valid_before', offset);
  const after = zeekTime(f, 'certificate.not_valid_after', offset);
  const version = f.get('certificate.version');
  const cert = compact({
    type: 'x509-certificate',
    hashes: fpName && fpHex ? { [fpName]: fpHex } : undefined,
    version: version === undefined ? undefined : String(version),
    serial_number: serial,
    signature_algorithm: text(f, 'certificate.sig_alg'),
    issuer: text(f, 'certificate.issuer'),
    validity_not_before: before?.text,
    validity_not_after: after?.text,
    subject,
    subject_public_key_algorithm: text(f, 'certificate.key_alg'),
    subject_public_key_exponent:
      exponent === undefined ? undefined : countValue('certificate.exponent', exponent),
  });
  if (Object.keys(cert).length > 1) d.add(cert);
}

function file(f: ZeekFields, d: Drafts): void {
  for (const name of ['tx_hosts', 'rx_hosts']) for (const h of list(f, name)) d.ip(ipValue(name, h));
  const md5 = text(f, 'md5');
  const sha1 = text(f, 'sha1');
  const sha256 = text(f, 'sha256');
  const h =
    md5 === undefined && sha1 === undefined && sha256 === undefined
      ? undefined
      : hashes([
          ['MD5', md5],
          ['SHA-1', sha1],
          ['SHA-256', sha256],
        ]);
  const path = text(f, 'filename') ?? (f.get('fuid') === undefined ? text(f, 'name') : undefined);
  const name = path === undefined ? undefined : basename(path) || undefined;
  if (!h && name === undefined) return;
  d.add(
    compact({
      type: 'file',
      hashes: h,
      name,
      size: f.get('total_bytes') === undefined ? undefined : countValue('total_bytes', f.get('total_bytes')),
      mime_type: text(f, 'mime_type'),
    }),
  );
}

/** Maps one Zeek record; `ts` is required, every other field optional. */
export function zeekEvent(f: ZeekFields, offset: UtcOffset): LogEvent {
  const time = zeekTime(f, 'ts', offset);
  if (!time) throw new RecordRejection('field ts: missing (every Zeek record has a time)');
  const d = new Drafts();
  connection(f, d);
  web(f, d);
  dns(f, d);
  certificate(f, d, offset);
  file(f, d);
  for (const name of ['src', 'dst']) d.ip(ipValue(name, f.get(name)));
  const client = text(f, 'client');
  if (client !== undefined) d.add({ type: 'user-account', account_login: client.split('/')[0] as string });
  const orig = f.get('id.orig_h') ?? list(f, 'rx_hosts')[0] ?? f.get('src');
  return { time, host: typeof orig === 'string' ? orig : undefined, objects: d.objects };
}
