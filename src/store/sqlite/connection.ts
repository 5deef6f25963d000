/** Opens a SQLite database with the pragmas durability and multi-process use need. */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** Options of a SQLite connection. */
export interface ConnectionOptions {
  readonly path: string;
  /** How long to wait for another process's write lock before failing (ms). */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens (creating the folder and file when needed) a WAL-mode database with synchronous=FULL.
 * What it creates only its owner may read: the folder 0700, the file 0600 (SQLite gives the
 * -wal and -shm files the database file's permissions). Existing files keep theirs.
 */
export function openConnection(options: ConnectionOptions): Database.Database {
  if (options.path !== ':memory:') {
    mkdirSync(dirname(options.path), { recursive: true, mode: 0o700 });
    if (!existsSync(options.path)) {
      try {
        closeSync(openSync(options.path, 'wx', 0o600));
      } catch (err) {
        // Another process created it between the two calls: it is theirs to have made.
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  }
  const db = new Database(options.path);
  // The busy timeout first: switching to WAL needs a lock another process may hold.
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  // WAL lets readers run beside one writer (a CLI command beside `accord serve`); FULL fsyncs
  // the WAL on every commit, so a resolved addVersions survives power loss (DESIGN.md, Durability).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}
