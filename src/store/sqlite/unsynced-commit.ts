/**
 * Commits without waiting for the disk: in WAL mode with synchronous=NORMAL a commit reaches the
 * WAL file (safe from a crash of the process) without an fsync; the next synced commit of the
 * database makes it durable against power loss too. For records whose loss in a power failure
 * costs little and whose fsync would cost a read or a POST most of its time.
 */
import type Database from 'better-sqlite3';

/** The synchronous switch of one connection (db.pragma() would prepare its statement per call). */
export class UnsyncedCommit {
  readonly #normal: Database.Statement;
  readonly #full: Database.Statement;

  constructor(db: Database.Database) {
    this.#normal = db.prepare('PRAGMA synchronous = NORMAL');
    this.#full = db.prepare('PRAGMA synchronous = FULL');
  }

  /** Runs `fn` (one statement or transaction) with synchronous=NORMAL, then restores FULL. */
  run<R>(fn: () => R): R {
    this.#normal.run();
    try {
      return fn();
    } finally {
      this.#full.run();
    }
  }
}
