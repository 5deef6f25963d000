/** IPv4/IPv6 addresses and CIDR blocks as networks, for ISSUBSET, ISSUPERSET and IP equality (9.6.1). */
import { createRequire } from 'node:module';
import type ipaddr from 'ipaddr.js';

const require = createRequire(import.meta.url);

/** ipaddr.js is loaded on the first IPv6 network read: validating patterns never needs it. */
const ipv6 = (): typeof ipaddr.IPv6 => (require('ipaddr.js') as typeof ipaddr).IPv6;

/** An address or CIDR block: its family, its network octets (host bits cleared) and prefix length. */
export interface IpNetwork {
  readonly family: 4 | 6;
  /** IPv4: the network as an unsigned 32-bit integer. */
  readonly v4: number;
  /** IPv6: the 16 network octets (empty for IPv4). */
  readonly v6: Uint8Array;
  readonly prefix: number;
}

const EMPTY = new Uint8Array(0);

/** Masks an IPv4 integer to its first `prefix` bits. */
export function maskV4(addr: number, prefix: number): number {
  return prefix === 0 ? 0 : (addr & (0xffffffff << (32 - prefix))) >>> 0;
}

/** Parses dotted-quad IPv4 with an optional /prefix (fast path, no allocation beyond the result). */
function parseV4(text: string): IpNetwork | undefined {
  let addr = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  let i = 0;
  const n = text.length;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return undefined; // leading zero
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return undefined;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return undefined;
      addr = addr * 256 + part;
      part = 0;
      digits = 0;
    } else if (c === 47) break;
    else return undefined;
  }
  if (digits === 0 || dots !== 3) return undefined;
  addr = addr * 256 + part;
  let prefix = 32;
  if (i < n) {
    const p = text.slice(i + 1);
    if (!/^(?:[0-9]|[12][0-9]|3[0-2])$/.test(p)) return undefined;
    prefix = Number(p);
  }
  return { family: 4, v4: maskV4(addr, prefix), v6: EMPTY, prefix };
}

function parseV6(text: string): IpNetwork | undefined {
  if (text.length > 100 || !text.includes(':') || text.includes('%')) return undefined;
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  let prefix = 128;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^(?:[0-9]|[1-9][0-9]|1[01][0-9]|12[0-8])$/.test(p)) return undefined;
    prefix = Number(p);
  }
  const IPv6 = ipv6();
  if (!IPv6.isValid(addrText)) return undefined;
  const bytes = new Uint8Array(IPv6.parse(addrText).toByteArray());
  return { family: 6, v4: 0, v6: maskV6(bytes, prefix), prefix };
}

/** Clears the host bits of 16 IPv6 octets beyond `prefix`. */
export function maskV6(bytes: Uint8Array, prefix: number): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    out[i] = (bytes[i] ?? 0) & ((0xff << (8 - bits)) & 0xff);
  }
  return out;
}

/** Parses an IPv4 or IPv6 address or CIDR block; undefined when it is neither. */
export function parseIpNetwork(text: string): IpNetwork | undefined {
  return parseV4(text) ?? parseV6(text);
}

/** True when network `a` lies wholly within network `b` (equal networks included, 9.6.1 ISSUBSET). */
export function isSubnet(a: IpNetwork, b: IpNetwork): boolean {
  if (a.family !== b.family || a.prefix < b.prefix) return false;
  if (a.family === 4) return maskV4(a.v4, b.prefix) === b.v4;
  const masked = maskV6(a.v6, b.prefix);
  for (let i = 0; i < 16; i++) if (masked[i] !== b.v6[i]) return false;
  return true;
}

/** A string naming the network exactly (equal networks give equal keys). */
export function networkKey(net: IpNetwork): string {
  if (net.family === 4) return `4:${net.v4}/${net.prefix}`;
  return `6:${Buffer.from(net.v6).toString('hex')}/${net.prefix}`;
}
