/** Network SCOs: 6.2 autonomous-system, 6.4 domain-name, 6.5 email-addr, 6.6 email-message, 6.8 ipv4-addr, 6.9 ipv6-addr, 6.10 mac-addr, 6.12 network-traffic, 6.15 url. */
import { isIPv4, isIPv6 } from 'node:net';
import { dictionary, list, nested } from '../checks/collections.js';
import { boolean, integer, string } from '../checks/primitives.js';
import { refsTo, refTo } from '../checks/refs.js';
import { timestamp } from '../checks/timestamp.js';
import { isUrl } from '../checks/url.js';
import { type Check, jsonType, opt, req } from '../validate/context.js';
import { atLeastOne, exclusive, timeOrder } from '../validate/rules.js';
import { checkValueFormat, sco } from './define.js';

const strings = list(string());

export const autonomousSystem = sco('autonomous-system', '6.2', {
  number: req(integer()),
  name: opt(string()),
  rir: opt(string()),
});

// 6.4: RFC 1034 labels (letters, digits, hyphen; underscore is common in service names) or IDNA U-labels (RFC 5890).
const ASCII_LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;
const NOT_IN_LABEL = /[\s\x00-\x2c\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]/;
function isLabel(label: string): boolean {
  if (ASCII_LABEL.test(label)) return true;
  // A U-label: non-ASCII letters allowed, no ASCII punctuation or spaces, no leading/trailing hyphen.
  return (
    label.length > 0 &&
    label.length <= 63 &&
    /[^\x00-\x7f]/.test(label) &&
    !NOT_IN_LABEL.test(label) &&
    !label.startsWith('-') &&
    !label.endsWith('-')
  );
}
function isDomainName(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every(isLabel);
}

export const domainName = sco(
  'domain-name',
  '6.4',
  { value: req(string()), resolves_to_refs: opt(refsTo('6.4.1', 'ipv4-addr', 'ipv6-addr', 'domain-name')) },
  (obj, path, ctx) => {
    checkValueFormat(obj, path, ctx, isDomainName, 'is not a domain name (RFC 1034 / RFC 5890)', '6.4.1');
    if (typeof obj.value === 'string' && obj.defanged !== true && isIPv4(obj.value)) {
      ctx.error(
        'STIX_INVALID_VALUE',
        `${path}/value`,
        'an IP address is not a domain name; use ipv4-addr',
        '6.4.1',
      );
    }
  },
);

export const emailAddr = sco(
  'email-addr',
  '6.5',
  { value: req(string()), display_name: opt(string()), belongs_to_ref: opt(refTo('6.5.1', 'user-account')) },
  (obj, path, ctx) =>
    checkValueFormat(
      obj,
      path,
      ctx,
      (v) => /^[^\s@<>]+@[^\s@<>]+$/.test(v),
      'is not an addr-spec (local@domain, without a display name)',
      '6.5.1',
    ),
);

const headerValue: Check = (value, path, ctx) => {
  const ok =
    typeof value === 'string' ||
    (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'));
  if (!ok)
    ctx.error(
      'STIX_WRONG_TYPE',
      path,
      `a header value must be a string or a list of strings, not ${jsonType(value)}`,
      '6.6.1',
    );
};

const mimePart = nested(
  {
    body: opt(string()),
    body_raw_ref: opt(refTo('6.6.2', 'artifact', 'file')),
    content_type: opt(string()),
    content_disposition: opt(string()),
  },
  {
    name: 'email-mime-part-type',
    section: '6.6.2',
    hook: (part, path, ctx) => exclusive(part, path, ctx, 'body', 'body_raw_ref', '6.6.2'),
  },
);

export const emailMessage = sco(
  'email-message',
  '6.6',
  {
    is_multipart: req(boolean()),
    date: opt(timestamp()),
    content_type: opt(string()),
    from_ref: opt(refTo('6.6.1', 'email-addr')),
    sender_ref: opt(refTo('6.6.1', 'email-addr')),
    to_refs: opt(refsTo('6.6.1', 'email-addr')),
    cc_refs: opt(refsTo('6.6.1', 'email-addr')),
    bcc_refs: opt(refsTo('6.6.1', 'email-addr')),
    message_id: opt(string()),
    subject: opt(string()),
    received_lines: opt(strings),
    additional_header_fields: opt(dictionary(headerValue)),
    body: opt(string()),
    body_multipart: opt(list(mimePart)),
    raw_email_ref: opt(refTo('6.6.1', 'artifact')),
  },
  (obj, path, ctx) => {
    if (obj.is_multipart === true && obj.body !== undefined) {
      ctx.error(
        'STIX_MUTUALLY_EXCLUSIVE',
        `${path}/body`,
        'body must not be used when is_multipart is true; use body_multipart',
        '6.6.1',
      );
    }
    if (obj.is_multipart === false && obj.body_multipart !== undefined) {
      ctx.error(
        'STIX_MUTUALLY_EXCLUSIVE',
        `${path}/body_multipart`,
        'body_multipart must not be used when is_multipart is false',
        '6.6.1',
      );
    }
  },
);

// RFC 4632 3.1 / RFC 4291 2.3: a prefix length is a decimal number without leading zeros.
const PREFIX = /^(?:0|[1-9]\d{0,2})$/;

/** The 32 bits of a dotted-quad IPv4 address node:net has accepted. */
function ipv4Bits(text: string): number {
  return text.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** Why an ipv4-addr value is not an address or CIDR block, or undefined when it is one. */
export function ipv4Problem(value: string): string | undefined {
  const slash = value.indexOf('/');
  const address = slash === -1 ? value : value.slice(0, slash);
  if (!isIPv4(address)) return 'is not an IPv4 address or CIDR block (e.g. 198.51.100.3 or 198.51.100.0/24)';
  if (slash === -1) return undefined;
  const prefix = value.slice(slash + 1);
  if (!PREFIX.test(prefix) || Number(prefix) > 32)
    return 'has a CIDR prefix length that is not a number from 0 to 32 without leading zeros';
  const bits = Number(prefix);
  const host = bits === 32 ? 0 : ipv4Bits(address) % 2 ** (32 - bits);
  if (host !== 0) return `is not a CIDR block: the address has bits set past the /${bits} prefix`;
  return undefined;
}

/** Why an ipv6-addr value is not an address or CIDR block, or undefined when it is one. */
export function ipv6Problem(value: string): string | undefined {
  const slash = value.indexOf('/');
  const address = slash === -1 ? value : value.slice(0, slash);
  // node:net also takes a zone (fe80::1%eth0, RFC 4007), which is no part of an address value.
  if (address.includes('%') || !isIPv6(address))
    return 'is not an IPv6 address or CIDR block (e.g. 2001:db8::/32)';
  if (slash === -1) return undefined;
  const prefix = value.slice(slash + 1);
  if (!PREFIX.test(prefix) || Number(prefix) > 128)
    return 'has a CIDR prefix length that is not a number from 0 to 128 without leading zeros';
  const bits = ipv6Bits(address);
  if (bits.slice(Number(prefix)).includes('1'))
    return `is not a CIDR block: the address has bits set past the /${prefix} prefix`;
  return undefined;
}

/** The 128 bits of an IPv6 address node:net has accepted, as a string of 0 and 1. */
function ipv6Bits(text: string): string {
  let head = text;
  let tail4 = '';
  const dot = text.lastIndexOf(':');
  if (text.includes('.')) {
    // An embedded IPv4 address stands for the last two groups (RFC 4291 2.2).
    tail4 = ipv4Bits(text.slice(dot + 1))
      .toString(2)
      .padStart(32, '0');
    head = `${text.slice(0, dot + 1)}0`;
  }
  const [left = '', right] = head.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const l = groups(left);
  const r = right === undefined ? [] : groups(right);
  const missing = 8 - l.length - r.length - (tail4 === '' ? 0 : 1);
  const all = [...l, ...Array.from({ length: right === undefined ? 0 : missing }, () => '0'), ...r];
  const bits = all.map((g) => Number.parseInt(g, 16).toString(2).padStart(16, '0')).join('');
  return tail4 === '' ? bits : `${bits.slice(0, 96)}${tail4}`;
}

function checkAddress(
  obj: Readonly<Record<string, unknown>>,
  path: string,
  ctx: Parameters<typeof checkValueFormat>[2],
  problem: (value: string) => string | undefined,
  section: string,
): void {
  const value = obj.value;
  if (typeof value !== 'string' || obj.defanged === true) return;
  const why = problem(value);
  if (why !== undefined)
    ctx.error('STIX_INVALID_VALUE', `${path}/value`, `${JSON.stringify(value).slice(0, 80)} ${why}`, section);
}

export const ipv4Addr = sco(
  'ipv4-addr',
  '6.8',
  {
    value: req(string()),
    resolves_to_refs: opt(refsTo('6.8.1', 'mac-addr')),
    belongs_to_refs: opt(refsTo('6.8.1', 'autonomous-system')),
  },
  (obj, path, ctx) => checkAddress(obj, path, ctx, ipv4Problem, '6.8.1'),
);

export const ipv6Addr = sco(
  'ipv6-addr',
  '6.9',
  {
    value: req(string()),
    resolves_to_refs: opt(refsTo('6.9.1', 'mac-addr')),
    belongs_to_refs: opt(refsTo('6.9.1', 'autonomous-system')),
  },
  (obj, path, ctx) => checkAddress(obj, path, ctx, ipv6Problem, '6.9.1'),
);

export const macAddr = sco('mac-addr', '6.10', { value: req(string()) }, (obj, path, ctx) =>
  checkValueFormat(
    obj,
    path,
    ctx,
    (v) => /^(?:[0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(v),
    'must be a colon-delimited, lower-case MAC-48 address with leading zeros (e.g. 00:00:ab:cd:ef:01)',
    '6.10.1',
  ),
);

const port = integer({ min: 0, max: 65535, section: '6.12.1' });
const count = integer({ min: 0, section: '6.12.1' });
const endpoint = (section: string) => refTo(section, 'ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name');
const ipfixValue: Check = (value, path, ctx) => {
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) {
    ctx.error(
      'STIX_WRONG_TYPE',
      path,
      `an IPFIX value must be an integer or a string, not ${jsonType(value)}`,
      '6.12.1',
    );
  }
};

export const networkTraffic = sco(
  'network-traffic',
  '6.12',
  {
    start: opt(timestamp()),
    end: opt(timestamp()),
    is_active: opt(boolean()),
    src_ref: opt(endpoint('6.12.1')),
    dst_ref: opt(endpoint('6.12.1')),
    src_port: opt(port),
    dst_port: opt(port),
    protocols: req(strings),
    src_byte_count: opt(count),
    dst_byte_count: opt(count),
    src_packets: opt(count),
    dst_packets: opt(count),
    ipfix: opt(dictionary(ipfixValue)),
    src_payload_ref: opt(refTo('6.12.1', 'artifact')),
    dst_payload_ref: opt(refTo('6.12.1', 'artifact')),
    encapsulates_refs: opt(refsTo('6.12.1', 'network-traffic')),
    encapsulated_by_ref: opt(refTo('6.12.1', 'network-traffic')),
  },
  (obj, path, ctx) => {
    atLeastOne(obj, path, ctx, ['src_ref', 'dst_ref'], '6.12');
    timeOrder(obj, path, ctx, 'start', 'end', false, '6.12.1');
    if (obj.is_active === true && obj.end !== undefined) {
      ctx.error(
        'STIX_MUTUALLY_EXCLUSIVE',
        `${path}/end`,
        'end must not be present when is_active is true',
        '6.12.1',
      );
    }
  },
);

// 6.15: RFC 3986 URL: a scheme, then no whitespace.
export const url = sco('url', '6.15', { value: req(string()) }, (obj, path, ctx) =>
  checkValueFormat(
    obj,
    path,
    ctx,
    isUrl,
    'is not a URL (RFC 3986): it needs a scheme such as http:',
    '6.15.1',
  ),
);
