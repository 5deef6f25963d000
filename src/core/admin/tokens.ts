/** `token add`, `token list`, `token revoke` (CONTRACT.md "Operations"): bearer tokens that expire. */

import { asMicros, formatMicros, type MicrosClock, nowMicros } from '../../stix/index.js';
import type { Store } from '../../store/index.js';
import { newToken, parseToken } from '../accounts/bearer-token.js';
import { type HashParams, hashSecret } from '../accounts/password-hash.js';
import { CoreError } from '../errors/core-error.js';
import { auditAdmin } from './audit-admin.js';

const DAY = 24 * 60 * 60 * 1000;
/** How long a token lives when `--expires` is not given. */
export const DEFAULT_TOKEN_LIFETIME_MS = 90 * DAY;
/** The longest lifetime accepted: a token is a password that never changes. */
export const MAX_TOKEN_LIFETIME_MS = 366 * DAY;

const UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: DAY };

/** Parses a duration such as `90d`, `12h` or `30m` into milliseconds (CORE_INVALID otherwise). */
export function parseDuration(text: string): number {
  const m = /^([1-9][0-9]{0,5})([mhd])$/.exec(text.trim());
  if (m === null) throw new CoreError('CORE_INVALID', `"${text}" is not a duration such as 90d, 12h or 30m`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** A token as `token list` shows it: never its secret. */
export interface TokenInfo {
  readonly id: string;
  readonly username: string;
  readonly created: string;
  /** UTC ISO 8601, or null for a token made before tokens expired. */
  readonly expires: string | null;
}

/** Token options: lifetime (default 90 days), clock, hash cost. */
export interface TokenOptions {
  readonly lifetimeMs?: number;
  readonly now?: MicrosClock;
  readonly hashParams?: HashParams;
}

/** Creates a bearer token for a user; the token is returned once and only its hash is stored. */
export async function addToken(store: Store, username: string, options: TokenOptions = {}): Promise<string> {
  return (await issueToken(store, username, options)).token;
}

/** Creates a bearer token; returns it (once) with what `token list` will show of it. */
export async function issueToken(
  store: Store,
  username: string,
  options: TokenOptions = {},
): Promise<{ readonly token: string; readonly info: TokenInfo }> {
  const user = await store.getUser(username);
  if (!user) throw new CoreError('CORE_NOT_FOUND', `no user ${username}`);
  const lifetime = options.lifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS;
  if (!(lifetime > 0 && lifetime <= MAX_TOKEN_LIFETIME_MS)) {
    throw new CoreError('CORE_INVALID', 'a token lives between one minute and 366 days');
  }
  const now = (options.now ?? nowMicros)();
  const { tokenId, secret, token } = newToken();
  const createdAt = formatMicros(now, 3);
  const expiresAt = formatMicros(asMicros(now + lifetime * 1000), 3);
  await store.addToken({
    tokenId,
    username,
    secretHash: await hashSecret(secret, options.hashParams),
    createdAt,
    expiresAt,
  });
  await auditAdmin(store, 'token.add', user.orgId, `token ${tokenId} expires ${expiresAt}`, username);
  return { token, info: { id: tokenId, username, created: createdAt, expires: expiresAt } };
}

/** Every token (of one user when given), without secrets. */
export async function listTokens(store: Store, username?: string): Promise<TokenInfo[]> {
  if (username !== undefined && !(await store.getUser(username)))
    throw new CoreError('CORE_NOT_FOUND', `no user ${username}`);
  return (await store.listTokens(username)).map((t) => ({
    id: t.tokenId,
    username: t.username,
    created: t.createdAt,
    expires: t.expiresAt ?? null,
  }));
}

/**
 * Revokes a token, named by its id or given whole (a leaked token is revoked as it was found):
 * refused (401) at once on every process sharing the store.
 */
export async function revokeToken(store: Store, idOrToken: string): Promise<void> {
  // Only the id of a whole token is used: its secret is never checked, stored or echoed.
  const tokenId = parseToken(idOrToken)?.tokenId ?? idOrToken;
  const token = await store.getToken(tokenId);
  if (!token || !(await store.deleteToken(tokenId)))
    throw new CoreError('CORE_NOT_FOUND', `no token ${tokenId}`);
  const user = await store.getUser(token.username);
  await auditAdmin(store, 'token.revoke', user?.orgId ?? '*', `token ${tokenId}`, token.username);
}
