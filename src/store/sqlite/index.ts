/** The SQLite backend; only composition roots (and open-store.ts) import it. */
export { SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
