/** Leases on SQLite (the `leases` table of migration 17), timed by the store's clock. */
import type Database from 'better-sqlite3';
import type { Micros } from '../../stix/index.js';

/** Prepared statements over leases. */
export class LeaseTable {
  readonly #clock: () => Micros;
  readonly #s;

  constructor(db: Database.Database, clock: () => Micros) {
    this.#clock = clock;
    this.#s = {
      // One statement, so two processes cannot both see the lease free and both take it.
      acquire: db.prepare(
        'INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)' +
          ' ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at' +
          ' WHERE leases.holder = excluded.holder OR leases.expires_at <= ?',
      ),
      release: db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?'),
    };
  }

  acquire(name: string, holder: string, ttlMs: number): boolean {
    const now = this.#clock();
    return this.#s.acquire.run(name, holder, now + Math.round(ttlMs * 1000), now).changes > 0;
  }

  release(name: string, holder: string): void {
    this.#s.release.run(name, holder);
  }
}
