/**
 * Authenticates HTTP `Authorization` headers: Basic (RFC 7617) with a username and password, or
 * `Bearer accord_<tokenId>_<secret>`. Failed logins are throttled (login-limiter.ts). Successes
 * are cached (by a SHA-256 of the header) so that scrypt is not paid on every request of a
 * paging client, but only while the store's account generation is unchanged: a password
 * change, a disabled user or a revoked token, made by any process, is refused at the next
 * request. Expired tokens are refused from their expiry on.
 */
import { createHash } from 'node:crypto';
import type { Store, UserRecord } from '../../store/index.js';
import { CoreError } from '../errors/core-error.js';
import { parseToken } from './bearer-token.js';
import type { Caller } from './caller.js';
import { LoginLimiter, type LoginLimiterOptions } from './login-limiter.js';
import { decoyHash, verifySecret } from './password-hash.js';

/** Options of an Authenticator. */
export interface AuthenticatorOptions {
  readonly store: Store;
  readonly limiter?: LoginLimiterOptions;
  /** How long a verified header stays valid without re-hashing while no account changes (default 60 s). */
  readonly cacheMs?: number;
  readonly now?: () => number;
  /** Called for each refused login (wrong credentials, a disabled account, an expired token), for metrics. */
  readonly onLoginFailure?: () => void;
  /**
   * Told of each failure and success the throttle counts, so that the node's other processes
   * count it too (ADR 0014); `countElsewhere` is the receiving end.
   */
  readonly onThrottleEvent?: (outcome: 'failed' | 'succeeded', user: string, address: string) => void;
}

const MAX_HEADER = 4096;
const MAX_CACHE = 1000;

interface Cached {
  readonly caller: Caller;
  readonly generation: number;
  readonly until: number;
}

/** What a header proved: the user and, for a bearer token, when it expires. */
interface Proof {
  readonly user: UserRecord;
  readonly expiresAt?: number;
}

/** Turns Authorization headers into callers, or throws CORE_UNAUTHENTICATED / CORE_RATE_LIMITED. */
export class Authenticator {
  readonly #store: Store;
  readonly #limiter: LoginLimiter;
  readonly #cacheMs: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, Cached>();
  #decoy: Promise<string> | undefined;
  readonly #onLoginFailure: () => void;
  readonly #onThrottleEvent: NonNullable<AuthenticatorOptions['onThrottleEvent']>;

  constructor(options: AuthenticatorOptions) {
    this.#store = options.store;
    this.#now = options.now ?? Date.now;
    this.#limiter = new LoginLimiter({ now: this.#now, ...options.limiter });
    this.#cacheMs = options.cacheMs ?? 60_000;
    this.#onLoginFailure = options.onLoginFailure ?? (() => {});
    this.#onThrottleEvent = options.onThrottleEvent ?? (() => {});
  }

  /** Counts a login outcome another process of the node saw (its onThrottleEvent). */
  countElsewhere(outcome: 'failed' | 'succeeded', user: string, address: string): void {
    if (outcome === 'failed') this.#limiter.fail(user, address);
    else this.#limiter.succeed(user, address);
  }

  /** The caller an Authorization header proves, from the client address `ip`. */
  async authenticate(header: string | undefined, ip: string): Promise<Caller> {
    if (!header) throw new CoreError('CORE_UNAUTHENTICATED', 'authentication required');
    if (header.length > MAX_HEADER)
      throw new CoreError('CORE_UNAUTHENTICATED', 'Authorization header too long');
    // One indexed read per request: what was cached under another generation is not trusted.
    const generation = await this.#store.generation('accounts');
    const cacheKey = createHash('sha256').update(header).digest('base64');
    const cached = this.#cache.get(cacheKey);
    if (cached && cached.generation === generation && cached.until > this.#now()) return cached.caller;
    if (cached) this.#cache.delete(cacheKey);
    const { caller, expiresAt } = await this.#prove(parseHeader(header), ip);
    if (this.#cache.size >= MAX_CACHE) this.#cache.clear();
    const until = Math.min(this.#now() + this.#cacheMs, expiresAt ?? Number.POSITIVE_INFINITY);
    this.#cache.set(cacheKey, { caller, generation, until });
    return caller;
  }

  /**
   * The caller a username and password prove (the web console's sign-in), throttled and
   * refused exactly as HTTP Basic is; never cached.
   */
  async signIn(username: string, password: string, ip: string): Promise<Caller> {
    if (username.length === 0 || username.length > MAX_HEADER || password.length > MAX_HEADER)
      throw new CoreError('CORE_UNAUTHENTICATED', 'wrong username, password or token');
    return (await this.#prove({ username, password }, ip)).caller;
  }

  /** Checks credentials under the login throttle (login-limiter.ts). */
  async #prove(credentials: Credentials, ip: string): Promise<{ caller: Caller; expiresAt?: number }> {
    // Distinct namespaces: a Basic username can never stand for a token id.
    const who = credentials.tokenId === undefined ? `u:${credentials.username}` : `t:${credentials.tokenId}`;
    const wait = this.#limiter.waitMs(who, ip);
    if (wait > 0) {
      throw new CoreError(
        'CORE_RATE_LIMITED',
        'too many failed logins; try again later',
        Math.ceil(wait / 1000),
      );
    }
    const proof = await this.#verify(credentials);
    if (!proof) {
      this.#limiter.fail(who, ip);
      this.#onThrottleEvent('failed', who, ip);
      this.#onLoginFailure();
      throw new CoreError('CORE_UNAUTHENTICATED', 'wrong username, password or token');
    }
    // Only someone who knows the secret learns that the account or token is no longer valid.
    if (proof.user.disabled) {
      this.#onLoginFailure();
      throw new CoreError('CORE_UNAUTHENTICATED', 'the account is disabled');
    }
    if (proof.expiresAt !== undefined && proof.expiresAt <= this.#now()) {
      this.#onLoginFailure();
      throw new CoreError('CORE_UNAUTHENTICATED', 'the token has expired');
    }
    this.#limiter.succeed(who, ip);
    this.#onThrottleEvent('succeeded', who, ip);
    const org = await this.#store.getOrganization(proof.user.orgId);
    if (!org) throw new CoreError('CORE_UNAUTHENTICATED', 'the account has no organisation');
    const caller: Caller = {
      username: proof.user.username,
      orgId: org.id,
      identityId: org.identityId,
      role: proof.user.role,
    };
    return proof.expiresAt === undefined ? { caller } : { caller, expiresAt: proof.expiresAt };
  }

  async #verify(c: Credentials): Promise<Proof | undefined> {
    if (c.username !== undefined && c.password !== undefined) {
      const user = await this.#store.getUser(c.username);
      const ok = await verifySecret(c.password, user?.passwordHash ?? (await this.#decoyHash()));
      return ok && user ? { user } : undefined;
    }
    if (c.tokenId !== undefined && c.secret !== undefined) {
      const token = await this.#store.getToken(c.tokenId);
      const ok = await verifySecret(c.secret, token?.secretHash ?? (await this.#decoyHash()));
      const user = ok && token ? await this.#store.getUser(token.username) : undefined;
      if (!user || !token) return undefined;
      return token.expiresAt === undefined ? { user } : { user, expiresAt: Date.parse(token.expiresAt) };
    }
    return undefined;
  }

  #decoyHash(): Promise<string> {
    this.#decoy ??= decoyHash();
    return this.#decoy;
  }
}

interface Credentials {
  readonly username?: string;
  readonly password?: string;
  readonly tokenId?: string;
  readonly secret?: string;
}

function parseHeader(header: string): Credentials {
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (space > 0 && scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (space > 0 && scheme === 'bearer') {
    const parts = parseToken(value);
    if (parts) return parts;
  }
  throw new CoreError('CORE_UNAUTHENTICATED', 'unsupported or malformed Authorization header');
}
