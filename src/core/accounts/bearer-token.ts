/** Bearer tokens `accord_<tokenId>_<secret>`: the token id is looked up, only the secret's hash is kept. */
import { randomBytes } from 'node:crypto';

/** The parts of a bearer token. */
export interface TokenParts {
  readonly tokenId: string;
  readonly secret: string;
}

const TOKEN = /^accord_([0-9a-f]{16})_([0-9a-f]{64})$/;

/** A new random token. */
export function newToken(): TokenParts & { readonly token: string } {
  const tokenId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('hex');
  return { tokenId, secret, token: `accord_${tokenId}_${secret}` };
}

/** Splits a token into its id and secret; undefined when it is not an Accord token. */
export function parseToken(token: string): TokenParts | undefined {
  const m = TOKEN.exec(token);
  return m ? { tokenId: m[1]!, secret: m[2]! } : undefined;
}
