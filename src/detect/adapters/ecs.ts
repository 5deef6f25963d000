/**
 * Elastic Common Schema JSON lines (Elastic Agent, Winlogbeat with Sysmon, Packetbeat, Filebeat as
 * shipped by Elastic): `@timestamp` plus the ECS field sets source/destination, dns, url, http,
 * user_agent, file, process, user, tls. Nested objects and dotted keys are both read.
 */
import { canonicalHashName, canonicalHexHash } from '../model/canonical-values.js';
import { compact, type DraftObject, Drafts } from '../model/drafts.js';
import type { LogEvent } from '../model/log-event.js';
import { count, field, ipValue, fieldPath as p, portValue, str, strList } from '../record/field-readers.js';
import { type JsonRecord, parseJsonLine } from '../record/json-line.js';
import { RecordRejection, wrongField } from '../record/record-rejection.js';
import { isoTime, type UtcOffset } from '../time/event-time.js';
import { guarded } from './guarded.js';
import type { AdapterOptions, LogAdapter } from './log-adapter.js';

const F = {
  timestamp: p('@timestamp'),
  srcIp: p('source.ip'),
  srcPort: p('source.port'),
  dstIp: p('destination.ip'),
  dstPort: p('destination.port'),
  dstDomain: p('destination.domain'),
  transport: p('network.transport'),
  protocol: p('network.protocol'),
  question: p('dns.question.name'),
  resolved: p('dns.resolved_ip'),
  urlFull: p('url.full'),
  urlOriginal: p('url.original'),
  urlDomain: p('url.domain'),
  urlPath: p('url.path'),
  urlQuery: p('url.query'),
  method: p('http.request.method'),
  referrer: p('http.request.referrer'),
  userAgent: p('user_agent.original'),
  fileName: p('file.name'),
  filePath: p('file.path'),
  fileSize: p('file.size'),
  fileHash: p('file.hash'),
  processHash: p('process.hash'),
  user: p('user.name'),
  userId: p('user.id'),
  userDomain: p('user.domain'),
  sni: p('tls.client.server_name'),
  certHash: p('tls.server.hash'),
  certSerial: p('tls.server.x509.serial_number'),
  certSubject: p('tls.server.x509.subject.distinguished_name'),
  certIssuer: p('tls.server.x509.issuer.distinguished_name'),
  hostName: p('host.name'),
  hostHostname: p('host.hostname'),
  agentName: p('agent.name'),
};

/** True when a JSON record looks like ECS: `@timestamp` with an ECS field set. */
export function looksLikeEcs(r: JsonRecord): boolean {
  return (
    '@timestamp' in r &&
    ('ecs' in r ||
      'event' in r ||
      'agent' in r ||
      'host' in r ||
      'source' in r ||
      'ecs.version' in r ||
      'event.kind' in r)
  );
}

function hashesOf(r: JsonRecord, at: ReturnType<typeof p>): Record<string, string> | undefined {
  const v = field(r, at);
  if (v === undefined) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) return wrongField(at.name, 'an object of hashes', v);
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v as JsonRecord)) {
    if (typeof value !== 'string') return wrongField(`${at.name}.${k}`, 'a string', value);
    const hex = canonicalHexHash(value);
    if (hex) out[canonicalHashName(k)] = hex;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

const basename = (path: string): string =>
  path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

const processFields = (prefix: string) => ({
  executable: p(`${prefix}.executable`),
  name: p(`${prefix}.name`),
  hash: p(`${prefix}.hash`),
  pid: p(`${prefix}.pid`),
  commandLine: p(`${prefix}.command_line`),
});
const PROCESS = processFields('process');
const PARENT = processFields('process.parent');

/** 6.11 process with image_ref to its executable file, and its parent (ECS process.parent.*). */
function processOf(r: JsonRecord, d: Drafts, at: typeof PROCESS): string | undefined {
  const executable = str(r, at.executable);
  const name = str(r, at.name) ?? (executable ? basename(executable) : undefined);
  const h = hashesOf(r, at.hash);
  const image = name !== undefined || h ? d.add(compact({ type: 'file', name, hashes: h })) : undefined;
  const pid = count(r, at.pid);
  const commandLine = str(r, at.commandLine);
  const parent = at === PROCESS ? processOf(r, d, PARENT) : undefined;
  if (!image && pid === undefined && commandLine === undefined) return undefined;
  return d.add(
    compact({ type: 'process', pid, command_line: commandLine, image_ref: image, parent_ref: parent }),
  );
}

function network(r: JsonRecord, d: Drafts): void {
  const src = d.ip(ipValue(F.srcIp.name, field(r, F.srcIp)));
  const dst = d.ip(ipValue(F.dstIp.name, field(r, F.dstIp)));
  const dstDomain = str(r, F.dstDomain);
  if (dstDomain !== undefined) d.domain(dstDomain);
  if (!src && !dst) return;
  const first = d.objects[Number((src ?? dst)?.slice(1))] as DraftObject;
  const protocols = [first.type === 'ipv6-addr' ? 'ipv6' : 'ipv4'];
  for (const x of [str(r, F.transport), str(r, F.protocol)]) if (x) protocols.push(x.toLowerCase());
  const method = str(r, F.method);
  const urlPath = str(r, F.urlPath);
  const query = str(r, F.urlQuery);
  const original = str(r, F.urlOriginal);
  const ua = str(r, F.userAgent);
  const host = str(r, F.urlDomain);
  const header = compact({
    Host: host === undefined ? undefined : [host],
    'User-Agent': ua === undefined ? undefined : [ua],
    Referer: str(r, F.referrer) === undefined ? undefined : [str(r, F.referrer) as string],
  });
  const requestValue =
    urlPath !== undefined ? `${urlPath}${query !== undefined ? `?${query}` : ''}` : original;
  d.add(
    compact({
      type: 'network-traffic',
      src_ref: src,
      dst_ref: dst,
      src_port: portValue(F.srcPort.name, field(r, F.srcPort)),
      dst_port: portValue(F.dstPort.name, field(r, F.dstPort)),
      protocols,
      extensions:
        method !== undefined && requestValue !== undefined
          ? {
              'http-request-ext': compact({
                request_method: method.toLowerCase(),
                request_value: requestValue,
                request_header: Object.keys(header).length > 0 ? header : undefined,
              }),
            }
          : undefined,
    }),
  );
}

function ecsEvent(r: JsonRecord, offset: UtcOffset): LogEvent {
  const ts = str(r, F.timestamp);
  if (ts === undefined) throw new RecordRejection('field @timestamp: missing');
  const time = isoTime(ts, offset) ?? wrongField('@timestamp', 'an ISO 8601 timestamp', ts);
  const d = new Drafts();
  network(r, d);
  const addresses = strList(r, F.resolved).map((a) => d.ip(ipValue(F.resolved.name, a)) as string);
  const question = str(r, F.question);
  if (question !== undefined) d.domain(question, addresses);
  const url =
    str(r, F.urlFull) ?? (str(r, F.urlOriginal)?.includes('://') ? str(r, F.urlOriginal) : undefined);
  d.url(url);
  d.domain(str(r, F.urlDomain));
  d.domain(str(r, F.sni));
  const fileHashes = hashesOf(r, F.fileHash);
  const filePath = str(r, F.filePath);
  const fileName = str(r, F.fileName) ?? (filePath ? basename(filePath) : undefined);
  if (fileHashes || fileName !== undefined)
    d.add(compact({ type: 'file', name: fileName, hashes: fileHashes, size: count(r, F.fileSize) }));
  processOf(r, d, PROCESS);
  const user = str(r, F.user);
  const userId = str(r, F.userId);
  if (user !== undefined || userId !== undefined)
    d.add(
      compact({
        type: 'user-account',
        user_id: userId,
        account_login: user,
        account_type: str(r, F.userDomain) !== undefined ? 'windows-domain' : undefined,
      }),
    );
  const certHashes = hashesOf(r, F.certHash);
  const serial = str(r, F.certSerial);
  if (certHashes || serial !== undefined)
    d.add(
      compact({
        type: 'x509-certificate',
        hashes: certHashes,
        serial_number: serial,
        subject: str(r, F.certSubject),
        issuer: str(r, F.certIssuer),
      }),
    );
  const host = str(r, F.hostName) ?? str(r, F.hostHostname) ?? str(r, F.agentName);
  return { time, host, objects: d.objects };
}

/** The ECS reader. */
export function createEcsAdapter(options: AdapterOptions = {}): LogAdapter {
  const offset = options.offset ?? 0;
  return {
    format: 'ecs',
    read: (line) =>
      line.trim() === ''
        ? { kind: 'reject', reason: 'empty line' }
        : guarded(() => ecsEvent(parseJsonLine(line), offset)),
    context: () => '',
  };
}
