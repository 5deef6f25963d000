import type { BackupReport } from './backups.js';
import type { SecretKeySource } from './secret-box.js';
import type { Store } from './store.js';

/** Options of openStore. */
export interface OpenStoreOptions {
  /**
   * The key that seals peer passwords (default: the file `<database>.key` for SQLite; for
   * PostgreSQL, a file per database under ~/.config/accord/, see postgres/key-file.ts).
   */
  readonly secretKey?: SecretKeySource;
}

/** True when a `--db` value names a PostgreSQL database. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//.test(db);
}

/**
 * Opens the store a `--db` value names: a `postgres://` URL selects PostgreSQL (the database
 * exists; the schema is created on first use), anything else is a SQLite file path (created,
 * with its folder, on first use). The store is initialised.
 */
export async function openStore(db: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(db)) {
    const { PostgresStore, defaultKeyFile } = await import('./postgres/index.js');
    const store = new PostgresStore({
      url: db,
      secretKey: options.secretKey ?? { file: defaultKeyFile(db) },
    });
    await store.init();
    return store;
  }
  const { SqliteStore } = await import('./sqlite/index.js');
  const store = new SqliteStore({ path: db, ...(options.secretKey ? { secretKey: options.secretKey } : {}) });
  await store.init();
  return store;
}

/**
 * Puts the backup `file` in place as the database `db` names (the caller checked it holds no
 * data). Only SQLite backups (`accord backup`) are restored here; PostgreSQL has pg_restore.
 */
export async function restoreStore(file: string, db: string): Promise<BackupReport> {
  if (isPostgresUrl(db)) {
    throw new Error('restore writes SQLite databases; restore PostgreSQL with pg_restore');
  }
  const { restoreDatabase } = await import('./sqlite/index.js');
  return restoreDatabase(file, db);
}
