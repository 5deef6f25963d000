/** Web console sessions on SQLite (the `sessions` table of migration 14). */
import type Database from 'better-sqlite3';
import { asMicros, type Micros } from '../../stix/index.js';
import type { SessionRecord } from '../sessions.js';

type SessionRow = [string, string, string, number, number, number];

/** Prepared statements over sessions. */
export class SessionTable {
  readonly #s;

  constructor(db: Database.Database) {
    this.#s = {
      add: db.prepare(
        'INSERT INTO sessions (id_hash, username, credential_stamp, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      get: db
        .prepare(
          'SELECT id_hash, username, credential_stamp, created_at, last_seen_at, expires_at FROM sessions WHERE id_hash = ?',
        )
        .raw(),
      touch: db.prepare('UPDATE sessions SET last_seen_at = max(last_seen_at, ?) WHERE id_hash = ?'),
      delete: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
      deleteUser: db.prepare('DELETE FROM sessions WHERE username = ?'),
      deleteExpired: db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at < ?'),
    };
  }

  add(s: SessionRecord): void {
    this.#s.add.run(s.idHash, s.username, s.credentialStamp, s.createdAt, s.lastSeenAt, s.expiresAt);
  }

  get(idHash: string): SessionRecord | undefined {
    const row = this.#s.get.get(idHash) as SessionRow | undefined;
    if (row === undefined) return undefined;
    const [, username, credentialStamp, createdAt, lastSeenAt, expiresAt] = row;
    return {
      idHash,
      username,
      credentialStamp,
      createdAt: asMicros(createdAt),
      lastSeenAt: asMicros(lastSeenAt),
      expiresAt: asMicros(expiresAt),
    };
  }

  touch(idHash: string, at: Micros): void {
    this.#s.touch.run(at, idHash);
  }

  delete(idHash: string): boolean {
    return this.#s.delete.run(idHash).changes > 0;
  }

  deleteUser(username: string): number {
    return this.#s.deleteUser.run(username).changes;
  }

  deleteExpired(now: Micros, idleBefore: Micros): number {
    return this.#s.deleteExpired.run(now, idleBefore).changes;
  }
}
