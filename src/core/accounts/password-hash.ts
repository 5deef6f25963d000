/**
 * Slow salted hashes for passwords and token secrets (scrypt, node:crypto), in a self-describing
 * form `scrypt$N$r$p$salt$hash` (base64) so that parameters can be raised later.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters; the defaults follow OWASP's minimum for scrypt (N=2^15, r=8, p=1). */
export interface HashParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

const DEFAULT_PARAMS: HashParams = { N: 1 << 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, params: HashParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Hashes a secret with a fresh random salt. */
export async function hashSecret(secret: string, params: HashParams = DEFAULT_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `secret` matches `stored` (a hashSecret result); malformed hashes never match. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || N > 1 << 20 || r > 32 || p > 16)
    return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await derive(secret, salt, { N, r, p });
  return timingSafeEqual(key, expected);
}

/** A hash of a random secret, verified against when a user is unknown so timing does not tell. */
export function decoyHash(): Promise<string> {
  return hashSecret(randomBytes(16).toString('hex'));
}
