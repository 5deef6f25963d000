/**
 * Keeps the planner's statistics of the growing tables fresh when autovacuum does not.
 *
 * Every lookup of a batch of ids, every `match[id]` and every search relies on PostgreSQL knowing
 * that `versions.collection` is not selective and `stix_id` is: without statistics the planner
 * walks the whole collection's feed index and filters (measured at 700,000 objects: 2.3 s instead
 * of 0.14 s for one lookup of 500 ids, ingest down to ~130 objects/s). Autovacuum analyzes tables
 * as they grow, but it may be off (a server tuned for bulk loads, or this project's CI machine),
 * and then a node would slow down by orders of magnitude without any error. So when autovacuum is
 * off for `versions`, the store analyzes its own growing tables after each fifth of growth, in
 * the background, one run at a time (ADR 0026).
 */
import type pg from 'pg';

/** The tables whose size grows with the data, and whose plans depend on it. */
const GROWING_TABLES =
  'versions, search_terms, version_markings, releases, audit_log, audit_objects, statuses';

/** Analyze again after this many rows plus this share of the table (autovacuum's rule, coarser). */
const BASE_ROWS = 1000;
const GROWTH_SHARE = 0.2;

/** What the keeper reads of the server before it starts. */
interface ServerFacts {
  readonly autovacuum: boolean;
  /** The planner's row count of `versions`; -1 when it was never analyzed. */
  readonly rows: number;
}

async function readFacts(pool: pg.Pool): Promise<ServerFacts> {
  const { rows } = await pool.query<{ on: boolean; tuples: number; options: string[] | null }>(
    "SELECT current_setting('autovacuum')::boolean AS on, c.reltuples::float8 AS tuples, c.reloptions AS options" +
      " FROM pg_class AS c WHERE c.oid = to_regclass('versions')",
  );
  const row = rows[0];
  if (row === undefined) return { autovacuum: true, rows: 0 };
  const tableOff = (row.options ?? []).includes('autovacuum_enabled=false');
  return { autovacuum: row.on && !tableOff, rows: row.tuples };
}

/** Counts the rows a process writes and analyzes the growing tables when they grew enough. */
export class StatisticsKeeper {
  readonly #pool: pg.Pool;
  #active = false;
  #written = 0;
  #threshold = BASE_ROWS;
  #running: Promise<void> | undefined;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /**
   * Decides whether the keeper is needed; tables that hold versions but were never analyzed
   * (a database loaded or upgraded with autovacuum off) are analyzed at once, in the background.
   */
  async start(): Promise<void> {
    const facts = await readFacts(this.#pool);
    this.#active = !facts.autovacuum;
    if (!this.#active) return;
    this.#threshold = BASE_ROWS + GROWTH_SHARE * Math.max(0, facts.rows);
    if (facts.rows >= 0) return;
    const { rows } = await this.#pool.query<{ any: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM versions) AS any',
    );
    if (rows[0]?.any) this.noteWritten(this.#threshold);
  }

  /** Whether this process analyzes the tables itself (autovacuum is off). */
  get active(): boolean {
    return this.#active;
  }

  /** Notes rows committed by this process; starts an ANALYZE in the background when due. */
  noteWritten(rows: number): void {
    if (!this.#active) return;
    this.#written += rows;
    if (this.#written < this.#threshold || this.#running !== undefined) return;
    this.#running = this.#analyze()
      // A failed ANALYZE costs only stale plans; the next growth tries again.
      .catch(() => {})
      .finally(() => {
        this.#running = undefined;
      });
  }

  /** Waits for an ANALYZE in progress (before the pool closes). */
  async settle(): Promise<void> {
    await this.#running;
  }

  async #analyze(): Promise<void> {
    this.#written = 0;
    await this.#pool.query(`ANALYZE ${GROWING_TABLES}`);
    const facts = await readFacts(this.#pool);
    this.#threshold = BASE_ROWS + GROWTH_SHARE * Math.max(0, facts.rows);
  }
}
