/** The PostgreSQL backend: imported by composition roots (open-store.ts) only. */
export { defaultKeyFile } from './key-file.js';
export { MIGRATIONS } from './migrations.js';
export { PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
