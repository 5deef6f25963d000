/**
 * SQLite's online backup API (better-sqlite3's `db.backup()`) for `accord backup`, and putting a
 * backup in place for `accord restore`. Both write beside the target and rename, so a file at
 * the target is always whole.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { BackupReport } from '../backups.js';
import { StoreError } from '../store-error.js';

/** Pages per backup step: all of them, so the copy is one snapshot and never restarts. */
const ALL_PAGES = 0x7fffffff;

/** A new empty file beside `file` that only its owner may read (the copy holds the node's secrets' hashes). */
function temporaryBeside(file: string): string {
  const partial = `${file}.partial-${process.pid}`;
  removeDatabaseFiles(partial);
  closeSync(openSync(partial, 'wx', 0o600));
  return partial;
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Copies `db` to `file`. better-sqlite3 first opens the backup (zero pages), then copies in
 * steps; a write by another connection between steps restarts the copy, so it is asked to
 * copy every page in one step, which reads one snapshot (WAL mode: writers are not blocked).
 */
export async function backupDatabase(db: Database.Database, file: string): Promise<BackupReport> {
  if (existsSync(file))
    throw new StoreError('STORE_ALREADY_EXISTS', `${file} exists; backups never overwrite`);
  const partial = temporaryBeside(file);
  try {
    await db.backup(partial, { progress: () => ALL_PAGES });
    const copy = new Database(partial);
    try {
      // A backup is a whole database by itself: no WAL beside it to lose when copied elsewhere.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    if (existsSync(file))
      throw new StoreError('STORE_ALREADY_EXISTS', `${file} exists; backups never overwrite`);
    renameSync(partial, file);
    return { file, bytes: statSync(file).size };
  } finally {
    removeDatabaseFiles(partial);
  }
}

/**
 * Puts the SQLite backup `file` at `target` (which must hold no data: the caller checked), after
 * checking it is a SQLite database that passes `quick_check`. The schema is migrated when the
 * store is next opened. (A backup, unlike a restore, is never written into a folder it made.)
 */
export async function restoreDatabase(file: string, target: string): Promise<BackupReport> {
  let source: Database.Database;
  try {
    source = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new StoreError('STORE_BACKEND_FAILURE', `${file}: ${(err as Error).message}`);
  }
  let partial: string;
  try {
    // The target is a new database: its folder is made as opening one makes it.
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    partial = temporaryBeside(target);
  } catch (err) {
    source.close();
    throw err;
  }
  try {
    let check: unknown;
    let version: unknown;
    try {
      check = source.pragma('quick_check', { simple: true });
      version = source.pragma('user_version', { simple: true });
    } catch (err) {
      throw new StoreError(
        'STORE_BACKEND_FAILURE',
        `${file} is not a SQLite database: ${(err as Error).message}`,
      );
    }
    if (check !== 'ok') throw new StoreError('STORE_BACKEND_FAILURE', `${file} is damaged: ${String(check)}`);
    if (typeof version !== 'number' || version < 1)
      throw new StoreError('STORE_BACKEND_FAILURE', `${file} is not an Accord database (no schema version)`);
    await source.backup(partial, { progress: () => ALL_PAGES });
    removeDatabaseFiles(target);
    renameSync(partial, target);
    return { file: target, bytes: statSync(target).size };
  } finally {
    source.close();
    removeDatabaseFiles(partial);
  }
}
