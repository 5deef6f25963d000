/**
 * Web console sessions (issue 17): signing in with a username and password opens a session
 * named by a random secret that only the browser holds (in an HttpOnly cookie); the store keeps
 * a hash of it, so sessions work in every process on the store. A session ends at logout, after
 * an idle period, at its absolute expiry, and as soon as its user is disabled or changes
 * password. The CSRF token is derived from the secret, so it needs no storage of its own.
 */
import { createHash, randomBytes } from 'node:crypto';
import { asMicros, type Micros, type MicrosClock, nowMicros } from '../../stix/index.js';
import type { SessionRecord, Store } from '../../store/index.js';
import type { Authenticator } from '../accounts/authenticator.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';

/** Lifetimes of a session. */
export interface SessionLifetimes {
  /** A session unused this long ends (default 30 minutes). */
  readonly idleMs: number;
  /** A session ends this long after sign-in whatever its use (default 12 hours). */
  readonly absoluteMs: number;
}

/** The defaults (docs/reference/api.md, "Sessions"). */
export const DEFAULT_SESSION_LIFETIMES: SessionLifetimes = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 3_600_000,
};

/** Use is recorded at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;
const MICROS_PER_MS = 1000;

/** A session as the shells see it: who, the token state-changing requests echo, when it ends. */
export interface WebSession {
  readonly caller: Caller;
  readonly csrfToken: string;
  readonly expiresAt: Micros;
}

/** A new session and the secret to hand to the browser (never stored). */
export interface OpenedSession extends WebSession {
  readonly secret: string;
  /** How long the browser should keep the cookie: the absolute lifetime. */
  readonly maxAgeSeconds: number;
}

const digest = (label: string, value: string) =>
  createHash('sha256').update(`${label}\u0000${value}`).digest('base64url');

/** The store's name for a session: a hash of its secret. */
const idHashOf = (secret: string) => digest('accord-session', secret);
/** The CSRF token of a session (derived, so both sides can check it without storing it). */
const csrfTokenOf = (secret: string) => digest('accord-csrf', secret);
/** A fingerprint of a password hash: a new password gives a new one. */
const stampOf = (passwordHash: string) => digest('accord-credential', passwordHash);

const ENDED = 'no session or the session has ended; sign in again';

/** Opens, resumes and ends web console sessions. */
export class WebSessions {
  readonly #store: Store;
  readonly #auth: Authenticator;
  readonly #now: MicrosClock;
  readonly #lifetimes: SessionLifetimes;

  constructor(store: Store, auth: Authenticator, lifetimes?: Partial<SessionLifetimes>, now?: MicrosClock) {
    this.#store = store;
    this.#auth = auth;
    this.#now = now ?? nowMicros;
    this.#lifetimes = { ...DEFAULT_SESSION_LIFETIMES, ...lifetimes };
  }

  /** Checks a username and password (throttled like every login) and opens a session. */
  async signIn(username: string, password: string, ip: string): Promise<OpenedSession> {
    const caller = await this.#auth.signIn(username, password, ip);
    const user = await this.#store.getUser(caller.username);
    if (user === undefined) throw new CoreError('CORE_UNAUTHENTICATED', ENDED);
    const now = this.#now();
    // Ended sessions are swept here: sign-ins are rare enough, and every process does it.
    await this.#store.deleteExpiredSessions(now, this.#idleBefore(now));
    const secret = randomBytes(32).toString('base64url');
    const record: SessionRecord = {
      idHash: idHashOf(secret),
      username: user.username,
      credentialStamp: stampOf(user.passwordHash),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: asMicros(now + this.#lifetimes.absoluteMs * MICROS_PER_MS),
    };
    await this.#store.addSession(record);
    return {
      secret,
      caller,
      csrfToken: csrfTokenOf(secret),
      expiresAt: record.expiresAt,
      maxAgeSeconds: Math.floor(this.#lifetimes.absoluteMs / 1000),
    };
  }

  /** The session a cookie's secret names, or CORE_UNAUTHENTICATED when it has ended. */
  async resume(secret: string): Promise<WebSession> {
    const idHash = idHashOf(secret);
    const session = await this.#store.getSession(idHash);
    if (session === undefined) throw new CoreError('CORE_UNAUTHENTICATED', ENDED);
    const now = this.#now();
    const user = await this.#store.getUser(session.username);
    const ended =
      session.expiresAt <= now ||
      session.lastSeenAt < this.#idleBefore(now) ||
      user === undefined ||
      user.disabled === true ||
      stampOf(user.passwordHash) !== session.credentialStamp;
    const org = user && !ended ? await this.#store.getOrganization(user.orgId) : undefined;
    if (user === undefined || org === undefined) {
      await this.#store.deleteSession(idHash);
      throw new CoreError('CORE_UNAUTHENTICATED', ENDED);
    }
    if (now - session.lastSeenAt >= TOUCH_EVERY_MS * MICROS_PER_MS)
      await this.#store.touchSession(idHash, now);
    return {
      caller: { username: user.username, orgId: org.id, identityId: org.identityId, role: user.role },
      csrfToken: csrfTokenOf(secret),
      expiresAt: session.expiresAt,
    };
  }

  /** Ends the session a secret names (logout); ending an ended session is no error. */
  async signOut(secret: string): Promise<void> {
    await this.#store.deleteSession(idHashOf(secret));
  }

  #idleBefore(now: Micros): Micros {
    return asMicros(now - this.#lifetimes.idleMs * MICROS_PER_MS);
  }
}
