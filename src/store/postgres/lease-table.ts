/**
 * Leases on PostgreSQL (the `leases` table of migration 4), timed by the database's clock, so
 * processes on machines whose clocks disagree still agree on when a lease ends.
 */
import type pg from 'pg';

/** Statements over leases. */
export class LeaseTable {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    // One statement: the row lock of ON CONFLICT lets only one of two racing processes take it.
    const { rowCount } = await this.#pool.query(
      'INSERT INTO leases (name, holder, expires_at)' +
        " VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond')" +
        ' ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at' +
        ' WHERE leases.holder = excluded.holder OR leases.expires_at <= clock_timestamp()',
      [name, holder, Math.round(ttlMs)],
    );
    return (rowCount ?? 0) > 0;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.#pool.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }
}
