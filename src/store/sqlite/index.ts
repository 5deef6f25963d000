/** The SQLite backend; only composition roots (and open-store.ts) import it. */
export { restoreDatabase } from './backup-file.js';
export { SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
