/** The family of an address text, with a fast path for dotted-quad IPv4 (most log addresses). */
import { isIP } from 'node:net';

/** True for a dotted-quad IPv4 address (four decimal parts 0-255, no leading zeros). */
function isDottedQuad(s: string): boolean {
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++parts > 3) return false;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return false;
      value = value * 10 + (c - 48);
      if (++digits > 3 || value > 255) return false;
    } else return false;
  }
  return parts === 3 && digits > 0;
}

/** 4 for IPv4, 6 for IPv6, 0 for anything else (as node:net isIP). */
export function ipFamily(s: string): 0 | 4 | 6 {
  if (s.length <= 15 && isDottedQuad(s)) return 4;
  return s.includes(':') ? (isIP(s) as 0 | 6) : 0;
}
