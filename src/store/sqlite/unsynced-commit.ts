/**
 * Commits without waiting for the disk: in WAL mode with synchronous=NORMAL a commit reaches the
 * WAL file (safe from a crash of the process) without an fsync; the next synced commit of the
 * database makes it durable against power loss too. For records whose loss in a power failure
 * costs little and whose fsync would cost a read or a POST most of its time.
 */
import type Database from 'better-sqlite3';

/** Runs `fn` (one statement or transaction) with synchronous=NORMAL, then restores FULL. */
export function commitWithoutSync<R>(db: Database.Database, fn: () => R): R {
  db.pragma('synchronous = NORMAL');
  try {
    return fn();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
