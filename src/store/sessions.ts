/**
 * Web console sessions as the store keeps them: a session is named by a hash of its secret
 * (the cookie's value never reaches the store), so a copy of the database opens no session.
 */
import type { Micros } from '../stix/index.js';

/** One signed-in browser session. */
export interface SessionRecord {
  /** A hash of the cookie's secret (core decides which); the key of the session. */
  readonly idHash: string;
  readonly username: string;
  /** A fingerprint of the password hash at sign-in: a changed password ends the session. */
  readonly credentialStamp: string;
  readonly createdAt: Micros;
  /** The last request seen (recorded at most about once a minute); idle expiry counts from it. */
  readonly lastSeenAt: Micros;
  /** Absolute expiry: the session ends then whatever its use. */
  readonly expiresAt: Micros;
}

/** Sessions, shared by every process on the store (any of them may answer a request). */
export interface SessionStore {
  addSession(session: SessionRecord): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | undefined>;
  /** Records a request of the session; no effect on an unknown session. */
  touchSession(idHash: string, lastSeenAt: Micros): Promise<void>;
  /** Ends one session; false when there was none. */
  deleteSession(idHash: string): Promise<boolean>;
  /** Ends every session of a user (password change, disabled account); returns how many. */
  deleteUserSessions(username: string): Promise<number>;
  /**
   * Removes sessions past their absolute expiry (expiresAt <= now) or idle since
   * `idleBefore` (lastSeenAt < idleBefore); returns how many.
   */
  deleteExpiredSessions(now: Micros, idleBefore: Micros): Promise<number>;
}
