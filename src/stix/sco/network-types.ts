/** Network SCOs: 6.2 autonomous-system, 6.4 domain-name, 6.5 email-addr, 6.6 email-message, 6.8 ipv4-addr, 6.9 ipv6-addr, 6.10 mac-addr, 6.12 network-traffic, 6.15 url. */
import { isIPv4, isIPv6 } from 'node:net';
import { dictionary, list, nested } from '../checks/collections.js';
import { boolean, integer, string } from '../checks/primitives.js';
import { refsTo, refTo } from '../checks/refs.js';
import { timestamp } from '../checks/timestamp.js';
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

function isCidr(value: string, isIp: (s: string) => boolean, maxPrefix: number): boolean {
  const slash = value.indexOf('/');
  if (slash === -1) return isIp(value);
  const prefix = value.slice(slash + 1);
  return isIp(value.slice(0, slash)) && /^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix;
}

export const ipv4Addr = sco(
  'ipv4-addr',
  '6.8',
  {
    value: req(string()),
    resolves_to_refs: opt(refsTo('6.8.1', 'mac-addr')),
    belongs_to_refs: opt(refsTo('6.8.1', 'autonomous-system')),
  },
  (obj, path, ctx) =>
    checkValueFormat(
      obj,
      path,
      ctx,
      (v) => isCidr(v, isIPv4, 32),
      'is not an IPv4 address or CIDR block (e.g. 10.2.4.5/24)',
      '6.8.1',
    ),
);

export const ipv6Addr = sco(
  'ipv6-addr',
  '6.9',
  {
    value: req(string()),
    resolves_to_refs: opt(refsTo('6.9.1', 'mac-addr')),
    belongs_to_refs: opt(refsTo('6.9.1', 'autonomous-system')),
  },
  (obj, path, ctx) =>
    checkValueFormat(
      obj,
      path,
      ctx,
      (v) => isCidr(v, isIPv6, 128),
      'is not an IPv6 address or CIDR block',
      '6.9.1',
    ),
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
    (v) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/.test(v),
    'is not a URL (RFC 3986): it needs a scheme such as http:',
    '6.15.1',
  ),
);
