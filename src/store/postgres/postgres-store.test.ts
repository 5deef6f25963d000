import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { runStoreConformance } from '../store.suite.js';
import { PostgresStore } from './index.js';
import {
  createScratchDatabase,
  DROP_TIMEOUT_MS,
  type ScratchDatabase,
  TEST_PG_URL,
  unreachable,
} from './scratch-database.js';

// STORE_BACKENDS (comma list) selects what runs; PostgreSQL runs by default when it answers.
const selected = (process.env.STORE_BACKENDS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
const why = selected.includes('postgres') ? await unreachable() : 'not selected by STORE_BACKENDS';

if (why === undefined) {
  let scratch: ScratchDatabase | undefined;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  // Dropping a database waits for a checkpoint, which a loaded machine makes slow.
  afterAll(async () => scratch?.drop(), DROP_TIMEOUT_MS);
  runStoreConformance('postgres', async () => {
    if (scratch === undefined) throw new Error('no scratch database');
    const store = new PostgresStore({
      url: await scratch.schemaUrl(),
      secretKey: { key: randomBytes(32), origin: 'a test key' },
      maxConnections: 4,
    });
    await store.init();
    return store;
  });
} else {
  describe.skip(`store conformance: postgres (skipped: ${TEST_PG_URL}: ${why})`, () =>
    it('skipped', () => {}));
}
