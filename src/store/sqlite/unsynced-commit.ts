/**
 * Commits without waiting for the disk: in WAL mode with synchronous=NORMAL a commit reaches the
 * WAL file (safe from a crash of the process) without an fsync; the next synced commit of the
 * database makes it durable against power loss too. For records whose loss in a power failure
 * costs little and whose fsync would cost a read or a POST most of its time.
 */
import type Database from 'better-sqlite3';

type Switches = { readonly normal: Database.Statement; readonly full: Database.Statement };

// db.pragma() prepares its statement on every call; these are prepared once per connection.
const switches = new WeakMap<Database.Database, Switches>();

function switchesOf(db: Database.Database): Switches {
  let s = switches.get(db);
  if (s === undefined) {
    s = { normal: db.prepare('PRAGMA synchronous = NORMAL'), full: db.prepare('PRAGMA synchronous = FULL') };
    switches.set(db, s);
  }
  return s;
}

/** Runs `fn` (one statement or transaction) with synchronous=NORMAL, then restores FULL. */
export function commitWithoutSync<R>(db: Database.Database, fn: () => R): R {
  const { normal, full } = switchesOf(db);
  normal.run();
  try {
    return fn();
  } finally {
    full.run();
  }
}
