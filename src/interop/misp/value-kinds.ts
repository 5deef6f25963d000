/**
 * The kinds of value MISP attributes hold, each with its check: an IP must be an IP (or a CIDR
 * block, which MISP allows in ip-src/ip-dst), a SHA-256 64 hex digits, a port 0-65535. A value
 * that fails is rejected as invalid (issue 19, "an IP that is not one"). Checks split on
 * characters rather than run backtracking regular expressions over untrusted text.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { formatExact, parseDateTime } from '../../stix/index.js';

/** The kinds a slot of an attribute value can hold. */
export type ValueKind =
  | 'ip'
  | 'domain'
  | 'hostname'
  | 'port'
  | 'asn'
  | 'email'
  | 'url'
  | 'filename'
  | 'mac'
  | 'text'
  | 'integer'
  | `hex:${number}`
  | `hex:${number}-${number}`
  | 'ssdeep'
  | 'tlsh'
  | 'timestamp'
  | 'regkey';

/** A checked value: the text (or number) to write into STIX, or why it does not fit. */
export type KindResult =
  | { readonly ok: true; readonly value: string | number }
  | { readonly ok: false; readonly why: string };

const ok = (value: string | number): KindResult => ({ ok: true, value });
const no = (why: string): KindResult => ({ ok: false, why });

/** An IPv4 or IPv6 address, or a CIDR block of one. */
function ip(v: string): KindResult {
  const slash = v.indexOf('/');
  const address = slash < 0 ? v : v.slice(0, slash);
  const v4 = isIPv4(address);
  if (!v4 && !isIPv6(address)) return no('not an IPv4 or IPv6 address');
  if (slash >= 0) {
    const bits = v.slice(slash + 1);
    const max = v4 ? 32 : 128;
    if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return no(`not a CIDR prefix length (0-${max})`);
  }
  return ok(v);
}

/** The address family of a checked ip value. */
export function ipType(v: string): 'ipv4-addr' | 'ipv6-addr' {
  return isIPv4(v.split('/')[0]!) ? 'ipv4-addr' : 'ipv6-addr';
}

const LABEL = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_-]{0,61}[\p{L}\p{N}_])?$/u;

/** A DNS name: dot-separated labels of letters, digits, - and _ (MISP allows _), at most 253 characters. */
function domain(v: string, needsDot: boolean): KindResult {
  const name = v.endsWith('.') ? v.slice(0, -1) : v;
  if (name.length === 0 || name.length > 253) return no('not a domain name (1-253 characters)');
  const labels = name.split('.');
  if (needsDot && labels.length < 2) return no('not a domain name (no dot)');
  if (!labels.every((l) => LABEL.test(l)))
    return no('not a domain name (a label is empty or has characters other than letters, digits, - and _)');
  if (isIPv4(name)) return no('an IP address, not a domain name');
  return ok(v);
}

function integerIn(v: string, min: number, max: number, what: string): KindResult {
  if (!/^\d{1,10}$/.test(v)) return no(`not ${what}`);
  const n = Number(v);
  return n >= min && n <= max ? ok(n) : no(`not ${what} (${min}-${max})`);
}

function hex(v: string, lengths: readonly number[]): KindResult {
  if (!/^[0-9a-fA-F]+$/.test(v)) return no('not hexadecimal');
  return lengths.includes(v.length) ? ok(v) : no(`has ${v.length} hex digits, not ${lengths.join(' or ')}`);
}

const HIVES: Readonly<Record<string, string>> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKU: 'HKEY_USERS',
  HKCC: 'HKEY_CURRENT_CONFIG',
  HKPD: 'HKEY_PERFORMANCE_DATA',
};

/** A registry key with its hive written in full, as STIX 2.1 requires (6.17.1: HKEY_LOCAL_MACHINE, not HKLM). */
function regkey(v: string): KindResult {
  const cut = v.indexOf('\\');
  const hive = (cut < 0 ? v : v.slice(0, cut)).toUpperCase();
  const full = HIVES[hive];
  return ok(full === undefined ? v : `${full}${cut < 0 ? '' : v.slice(cut)}`);
}

/** A MISP datetime (ISO 8601, any offset) as a STIX timestamp in UTC (2.16), keeping its fraction digits. */
export function stixTimestamp(v: string): string | undefined {
  const parsed = parseDateTime(v.trim());
  return parsed === undefined ? undefined : formatExact(parsed.seconds, parsed.fraction);
}

/** Checks `raw` (trimmed of surrounding white space) as a value of `kind`. */
export function checkKind(kind: ValueKind, raw: string): KindResult {
  const v = raw.trim();
  if (v.length === 0) return no('empty');
  switch (kind) {
    case 'ip':
      return ip(v);
    case 'domain':
      return domain(v, true);
    case 'hostname':
      return domain(v, false);
    case 'port':
      return integerIn(v, 0, 65535, 'a port number');
    case 'asn': {
      const digits = /^as/i.test(v) ? v.slice(2) : v;
      return integerIn(digits, 0, 4294967295, 'an AS number');
    }
    case 'integer':
      return integerIn(v, 0, Number.MAX_SAFE_INTEGER, 'a non-negative integer');
    case 'email': {
      const at = v.lastIndexOf('@');
      if (at <= 0 || at === v.length - 1 || /\s/.test(v)) return no('not an e-mail address');
      return domain(v.slice(at + 1), false).ok ? ok(v) : no('not an e-mail address (bad domain part)');
    }
    case 'url':
      return /[\s\u0000-\u001f]/.test(v) ? no('not a URL (white space or control characters)') : ok(v);
    case 'mac':
      return /^[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}$/i.test(v) ? ok(v) : no('not a MAC address');
    case 'ssdeep':
      return /^\d{1,10}:[^:\s]+:[^:\s]+(?:,.*)?$/.test(v)
        ? ok(v)
        : no('not an ssdeep hash (blocksize:hash:hash)');
    case 'tlsh':
      return /^(?:T1)?[0-9a-fA-F]{70}$/.test(v) || /^[0-9a-fA-F]{72}$/.test(v)
        ? ok(v)
        : no('not a TLSH hash');
    case 'filename':
      return v.includes('\u0000') ? no('not a file name (NUL character)') : ok(raw);
    case 'text':
      return ok(raw);
    case 'regkey':
      return regkey(v);
    case 'timestamp': {
      const t = stixTimestamp(v);
      return t === undefined ? no('not a date and time (ISO 8601)') : ok(t);
    }
    default: {
      const spec = kind.slice(4);
      const [a, b] = spec.split('-').map(Number);
      const lengths = b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
      return hex(v, lengths);
    }
  }
}
