/**
 * `accord backup` on PostgreSQL: pg_dump in its custom format (one snapshot: pg_dump reads in a
 * single repeatable-read transaction while the node goes on writing), restored with pg_restore
 * (docs/guides/scale-out.md). Written beside the target and linked into place, so a file at the
 * target is always whole and an existing one is never replaced.
 */
import { execFile } from 'node:child_process';
import { closeSync, existsSync, linkSync, openSync, rmSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import type { BackupReport } from '../backups.js';
import { StoreError } from '../store-error.js';

const run = promisify(execFile);

/** Dumps the database `connectionString` names to `file` (mode 0600) with pg_dump. */
export async function dumpDatabase(connectionString: string, file: string): Promise<BackupReport> {
  if (existsSync(file))
    throw new StoreError('STORE_ALREADY_EXISTS', `${file} exists; backups never overwrite`);
  const partial = `${file}.partial-${process.pid}`;
  // Created first with mode 0600: the dump holds password hashes and sealed secrets.
  closeSync(openSync(partial, 'w', 0o600));
  try {
    try {
      await run(
        'pg_dump',
        ['--format=custom', '--no-owner', `--file=${partial}`, `--dbname=${connectionString}`],
        {
          maxBuffer: 16 * 1024 * 1024,
        },
      );
    } catch (error) {
      const reason =
        (error as { code?: unknown }).code === 'ENOENT'
          ? 'pg_dump is not installed'
          : String((error as { stderr?: unknown }).stderr ?? error).trim();
      throw new StoreError('STORE_BACKEND_FAILURE', `pg_dump failed: ${reason}`, { cause: error });
    }
    try {
      linkSync(partial, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new StoreError('STORE_ALREADY_EXISTS', `${file} exists; backups never overwrite`);
      throw error;
    }
    return { file, bytes: statSync(file).size };
  } finally {
    rmSync(partial, { force: true });
  }
}
