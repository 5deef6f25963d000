/**
 * Canonical forms given to values at the adapter, so that indicators match as written by their
 * producers (who are never rewritten): lower-case domain names without a trailing dot, lower-case
 * hex hashes under the STIX hash-algorithm-ov names (6.1, 10.5).
 */

/** A domain name in lower case without its trailing dot; undefined when it cannot be one. */
export function canonicalDomain(text: string): string | undefined {
  let d = text.trim().toLowerCase();
  if (d.endsWith('.')) d = d.slice(0, -1);
  if (d === '' || d.length > 253 || /[\s/\\@]/.test(d)) return undefined;
  return d;
}

const HASH_NAMES: Readonly<Record<string, string>> = {
  MD5: 'MD5',
  SHA1: 'SHA-1',
  SHA256: 'SHA-256',
  SHA512: 'SHA-512',
  SHA3256: 'SHA3-256',
  SHA3512: 'SHA3-512',
  SSDEEP: 'SSDEEP',
  TLSH: 'TLSH',
  IMPHASH: 'imphash',
};

/**
 * The hash-algorithm-ov name of a hash key however it is spelled (`SHA-256`, `SHA256`, `sha256`,
 * `sha_256`); other keys are kept as given (custom algorithms).
 */
export function canonicalHashName(name: string): string {
  return HASH_NAMES[name.toUpperCase().replace(/[-_\s]/g, '')] ?? name;
}

/** True for algorithms whose values are hex digests (compared case-insensitively). */
export function isHexHashName(canonical: string): boolean {
  return canonical === 'MD5' || canonical.startsWith('SHA') || canonical === 'imphash';
}

/** A hex digest in lower case; undefined when the text is not hex (then the hash is left out). */
export function canonicalHexHash(text: string): string | undefined {
  const t = text.trim();
  return /^[0-9a-fA-F]{8,128}$/.test(t) ? t.toLowerCase() : undefined;
}

/** The algorithm of a bare hex digest by its length (MD5, SHA-1, SHA-256, SHA-512). */
export function hashNameByLength(hex: string): string | undefined {
  return { 32: 'MD5', 40: 'SHA-1', 64: 'SHA-256', 128: 'SHA-512' }[hex.length];
}
