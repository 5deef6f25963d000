import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { runStoreConformance } from '../store.suite.js';
import { SqliteStore } from './index.js';

// STORE_BACKENDS (comma list, default: every available backend) selects what runs.
const selected = (process.env.STORE_BACKENDS ?? 'sqlite').split(',').map((s) => s.trim());

if (selected.includes('sqlite')) {
  const dir = mkdtempSync(join(tmpdir(), 'accord-store-'));
  let n = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  runStoreConformance('sqlite', async () => {
    const store = new SqliteStore({ path: join(dir, `s${n++}.db`) });
    await store.init();
    return store;
  });
} else {
  describe.skip('store conformance: sqlite (not selected by STORE_BACKENDS)', () => it('skipped', () => {}));
}
