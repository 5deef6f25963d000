/** Web console sessions on PostgreSQL (the `sessions` table of migration 2), shared by every process. */
import type pg from 'pg';
import { asMicros, type Micros } from '../../stix/index.js';
import type { SessionRecord } from '../sessions.js';

type SessionRow = {
  username: string;
  credential_stamp: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
};

/** Statements over sessions. */
export class SessionTable {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async add(s: SessionRecord): Promise<void> {
    await this.#pool.query(
      'INSERT INTO sessions (id_hash, username, credential_stamp, created_at, last_seen_at, expires_at)' +
        ' VALUES ($1, $2, $3, $4, $5, $6)',
      [s.idHash, s.username, s.credentialStamp, s.createdAt, s.lastSeenAt, s.expiresAt],
    );
  }

  async get(idHash: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.#pool.query<SessionRow>(
      'SELECT username, credential_stamp, created_at, last_seen_at, expires_at FROM sessions WHERE id_hash = $1',
      [idHash],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      idHash,
      username: row.username,
      credentialStamp: row.credential_stamp,
      createdAt: asMicros(row.created_at),
      lastSeenAt: asMicros(row.last_seen_at),
      expiresAt: asMicros(row.expires_at),
    };
  }

  async touch(idHash: string, at: Micros): Promise<void> {
    await this.#pool.query(
      'UPDATE sessions SET last_seen_at = greatest(last_seen_at, $1) WHERE id_hash = $2',
      [at, idHash],
    );
  }

  async delete(idHash: string): Promise<boolean> {
    return ((await this.#pool.query('DELETE FROM sessions WHERE id_hash = $1', [idHash])).rowCount ?? 0) > 0;
  }

  async deleteUser(username: string): Promise<number> {
    return (await this.#pool.query('DELETE FROM sessions WHERE username = $1', [username])).rowCount ?? 0;
  }

  async deleteExpired(now: Micros, idleBefore: Micros): Promise<number> {
    const result = await this.#pool.query(
      'DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2',
      [now, idleBefore],
    );
    return result.rowCount ?? 0;
  }
}
