/** Decoding and validation of the constants of section 9.2 (timestamps, base64, hex). */
import { parseTimestamp as parseStixTimestamp } from '../stix/index.js';

/** A STIX timestamp (2.16): a canonical string that sorts as the instant does, and epoch milliseconds. */
export interface ParsedTimestamp {
  readonly canonical: string;
  readonly ms: number;
}

/** Parses a STIX timestamp (2.16: RFC 3339, UTC `Z`, any fraction); undefined when invalid. */
export function parseTimestamp(text: string): ParsedTimestamp | undefined {
  if (text.length > 64) return undefined;
  const parsed = parseStixTimestamp(text);
  if (parsed === undefined) return undefined;
  const fraction = parsed.fraction.replace(/0+$/, '');
  const ms = parsed.seconds * 1000 + (fraction ? Number(`0.${fraction}`) * 1000 : 0);
  return { canonical: `${text.slice(0, 19)}.${fraction}`, ms };
}

/** Decodes hex digits (even count, 0-9 a-f A-F) into octets; undefined when invalid. */
export function decodeHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return undefined;
  }
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/** Decodes RFC 4648 base64 (line feeds ignored, padding required); undefined when invalid. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const s = text.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0) return undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok =
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      (c >= 48 && c <= 57) ||
      c === 43 ||
      c === 47 ||
      (c === 61 && i >= s.length - 2 && (i === s.length - 1 || s.charCodeAt(i + 1) === 61));
    if (!ok) return undefined;
  }
  return new Uint8Array(Buffer.from(s, 'base64'));
}

/** The octets of a string whose code points are all below U+0100 (9.2, 9.6.4); undefined otherwise. */
export function latin1Bytes(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return undefined;
    out[i] = c;
  }
  return out;
}

/** The string with one code point per octet (for LIKE and MATCHES on binary properties, 9.6.1). */
export function bytesToLatin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Compares octet strings as unsigned octets; a longer value with an equal prefix is greater (9.6.3). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Compares strings by code point, not UTF-16 unit (9.6.2). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (D800–DFFF) encode code points above FFFF, so they sort after E000–FFFF.
      const sx = x >= 0xd800 && x <= 0xdfff ? x + 0x2000 : x >= 0xe000 ? x - 0x800 : x;
      const sy = y >= 0xd800 && y <= 0xdfff ? y + 0x2000 : y >= 0xe000 ? y - 0x800 : y;
      return sx - sy;
    }
  }
  return a.length - b.length;
}
