import type { Store } from './store.js';

/**
 * Opens the store a `--db` value names: a `postgres://` URL selects PostgreSQL, anything else
 * is a SQLite file path (created, with its folder, on first use). The store is initialised.
 */
export async function openStore(db: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(db)) {
    throw new Error('the PostgreSQL store is not available yet; use a SQLite path for --db');
  }
  const { SqliteStore } = await import('./sqlite/index.js');
  const store = new SqliteStore({ path: db });
  await store.init();
  return store;
}
