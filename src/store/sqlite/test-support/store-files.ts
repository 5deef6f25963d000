/** Fresh SQLite files for the backend's own tests, removed when the test file ends. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { MicrosClock } from '../../../stix/index.js';
import { SqliteStore } from '../sqlite-store.js';

/** Registers the folder's removal; returns a maker of new file paths and an opener of stores. */
export function storeFiles(): {
  freshPath: () => string;
  open: (path: string, options?: { clock?: MicrosClock }) => Promise<SqliteStore>;
} {
  const dir = mkdtempSync(join(tmpdir(), 'accord-sqlite-'));
  let n = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    freshPath: () => join(dir, `b${n++}`, 'accord.db'),
    open: async (path, options = {}) => {
      const store = new SqliteStore({ path, ...options });
      await store.init();
      return store;
    },
  };
}
