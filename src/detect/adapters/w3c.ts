/**
 * W3C extended log format (IIS; `#Fields:` of space-separated values, `-` for none) and the
 * Exchange logs built on it (HttpProxy: `#Fields:` of comma-separated values with quoted fields).
 * A `#Fields:` line changes how the following lines read, wherever it appears.
 */
import { compact, Drafts } from '../model/drafts.js';
import type { LogEvent } from '../model/log-event.js';
import { ipValue, portValue } from '../record/field-readers.js';
import { RecordRejection, wrongField } from '../record/record-rejection.js';
import { isoTime, type UtcOffset, w3cTime } from '../time/event-time.js';
import { guarded } from './guarded.js';
import type { AdapterOptions, LogAdapter } from './log-adapter.js';

/** The property-extension Accord publishes for Exchange routing fields (CONTRACT.md "Detection"). */
export const EXCHANGE_EXTENSION_ID = 'extension-definition--d7f53bb1-f020-491f-b230-c4393ce6248d';

/** True when a line opens a W3C extended log. */
export function looksLikeW3c(line: string): boolean {
  return /^#(Software|Version|Fields|Date|Log-type|Start-Date|Remark):/.test(line);
}

/** Splits a comma-separated line where fields may be quoted ("a, b" and "" for a quote). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= line.length)
          throw new RecordRejection(`a quoted field opened at column ${i + 1} is not closed`);
        if (line[j] === '"') {
          if (line[j + 1] !== '"') break;
          value += '"';
          j += 2;
        } else value += line[j++];
      }
      out.push(value);
      i = j + 1;
      if (i < line.length && line[i] !== ',')
        throw new RecordRejection(`text after a closing quote at column ${i + 1}`);
    } else {
      const comma = line.indexOf(',', i);
      out.push(line.slice(i, comma < 0 ? line.length : comma));
      i = comma < 0 ? line.length : comma;
    }
    if (i >= line.length) return out;
    i++; // past the comma: another field follows, empty when the line ends here
  }
}

type Get = (name: string) => string | undefined;

function iisEvent(get: Get, offset: UtcOffset): LogEvent {
  const date = get('date');
  const clock = get('time');
  if (date === undefined || clock === undefined) throw new RecordRejection('field date/time: missing');
  const time =
    w3cTime(date, clock, offset) ?? wrongField('date time', 'a W3C date and time', `${date} ${clock}`);
  const d = new Drafts();
  const client = d.ip(ipValue('c-ip', get('c-ip')));
  const server = d.ip(ipValue('s-ip', get('s-ip')));
  const port = portValue('s-port', get('s-port'));
  // IIS writes spaces in these fields as '+'.
  const ua = get('cs(User-Agent)')?.replace(/\+/g, ' ');
  const referer = get('cs(Referer)')?.replace(/\+/g, ' ');
  const host = get('cs-host') ?? get('cs(Host)');
  const method = get('cs-method');
  const stem = get('cs-uri-stem');
  const query = get('cs-uri-query');
  const requestValue = stem === undefined ? undefined : `${stem}${query !== undefined ? `?${query}` : ''}`;
  const header = compact({
    Host: host === undefined ? undefined : [host],
    'User-Agent': ua === undefined ? undefined : [ua],
    Referer: referer === undefined ? undefined : [referer],
  });
  if (client || server) {
    const family = (d.objects[0] as { type: string }).type === 'ipv6-addr' ? 'ipv6' : 'ipv4';
    d.add(
      compact({
        type: 'network-traffic',
        src_ref: client,
        dst_ref: server,
        dst_port: port,
        protocols: [family, 'tcp', port === 443 ? 'https' : 'http'],
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
  if (host !== undefined) {
    d.domain(host.replace(/:\d+$/, ''));
    if (requestValue !== undefined)
      d.url(`${port === 443 ? 'https' : 'http'}://${host.toLowerCase()}${requestValue}`);
  }
  const user = get('cs-username');
  if (user !== undefined) d.add({ type: 'user-account', account_login: user });
  return { time, host: get('c-ip'), objects: d.objects };
}

function exchangeEvent(get: Get, offset: UtcOffset): LogEvent {
  const at = get('DateTime');
  if (at === undefined) throw new RecordRejection('field DateTime: missing');
  const time = isoTime(at, offset) ?? wrongField('DateTime', 'an ISO 8601 timestamp', at);
  const d = new Drafts();
  const clientText = get('ClientIpAddress');
  const client = d.ip(ipValue('ClientIpAddress', clientText));
  const method = get('Method');
  const stem = get('UrlStem');
  const query = get('UrlQuery');
  const host = get('UrlHost');
  const ua = get('UserAgent');
  const requestValue =
    stem === undefined
      ? undefined
      : `${stem}${query !== undefined ? (query.startsWith('?') ? query : `?${query}`) : ''}`;
  const routing = compact({ anchor_mailbox: get('AnchorMailbox'), routing_hint: get('RoutingHint') });
  const header = compact({
    Host: host === undefined ? undefined : [host],
    'User-Agent': ua === undefined ? undefined : [ua],
  });
  const extensions: Record<string, unknown> = {};
  // No request_method is invented for a row without one (CONTRACT.md).
  if (method !== undefined && requestValue !== undefined)
    extensions['http-request-ext'] = compact({
      request_method: method.toLowerCase(),
      request_value: requestValue,
      request_header: Object.keys(header).length > 0 ? header : undefined,
    });
  if (Object.keys(routing).length > 0)
    extensions[EXCHANGE_EXTENSION_ID] = { extension_type: 'property-extension', ...routing };
  if (client)
    d.add(
      compact({
        type: 'network-traffic',
        src_ref: client,
        protocols: [d.objects[0]?.type === 'ipv6-addr' ? 'ipv6' : 'ipv4', 'tcp', 'https'],
        extensions: Object.keys(extensions).length > 0 ? extensions : undefined,
      }),
    );
  if (host !== undefined) {
    d.domain(host);
    if (requestValue !== undefined) d.url(`https://${host.toLowerCase()}${requestValue}`);
  }
  const user = get('AuthenticatedUser');
  if (user !== undefined) d.add({ type: 'user-account', account_login: user });
  return { time, host: clientText, objects: d.objects };
}

/** The W3C reader of one file (IIS, Exchange). */
export function createW3cAdapter(options: AdapterOptions = {}): LogAdapter {
  const offset = options.offset ?? 0;
  let fields: string[] | undefined;
  let csv = false;
  let fieldsLine = '';
  return {
    format: 'w3c',
    context: () => fieldsLine,
    read(line) {
      if (line.startsWith('#')) {
        if (line.startsWith('#Fields:')) {
          const spec = line.slice('#Fields:'.length).trim();
          csv = spec.includes(',');
          fields = csv ? spec.split(',').map((s) => s.trim()) : spec.split(/\s+/);
          fieldsLine = line;
        }
        return { kind: 'skip' };
      }
      if (line.trim() === '') return { kind: 'reject', reason: 'empty line' };
      return guarded(() => {
        if (!fields) throw new RecordRejection('no #Fields: header before this line (not a W3C log?)');
        const values = csv ? splitCsv(line) : line.split(' ');
        if (values.length !== fields.length)
          throw new RecordRejection(`expected ${fields.length} fields (#Fields:), got ${values.length}`);
        const byName = new Map<string, string>();
        fields.forEach((name, i) => {
          const v = values[i] as string;
          if (v !== '' && v !== '-') byName.set(name, v);
        });
        const get: Get = (name) => byName.get(name);
        return csv ? exchangeEvent(get, offset) : iisEvent(get, offset);
      });
    },
  };
}
