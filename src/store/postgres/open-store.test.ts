import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, restoreStore } from '../open-store.js';
import {
  createScratchDatabase,
  DROP_TIMEOUT_MS,
  type ScratchDatabase,
  TEST_PG_URL,
  unreachable,
} from './scratch-database.js';

const why = await unreachable();
const suite = why === undefined ? describe : describe.skip;

suite(`openStore on a postgres:// URL${why === undefined ? '' : ` (skipped: ${TEST_PG_URL}: ${why})`}`, () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  // Dropping a database waits for a checkpoint, which a loaded machine makes slow.
  afterAll(async () => scratch?.drop(), DROP_TIMEOUT_MS);

  it('selects PostgreSQL for postgres:// and postgresql:// and creates the schema on first use', async () => {
    const url = await scratch.schemaUrl();
    const secretKey = { key: randomBytes(32), origin: 'a test key' };
    const [a, b] = await Promise.all([
      openStore(url, { secretKey }),
      openStore(url.replace(/^postgres:/, 'postgresql:'), { secretKey }),
    ]);
    try {
      await a.addOrganization({
        id: 'uk-ncsc',
        name: 'NCSC',
        identityId: 'identity--00000000-0000-4000-8000-000000000001',
      });
      expect((await b.listOrganizations()).map((o) => o.id)).toEqual(['uk-ncsc']);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('restore refuses a PostgreSQL target and points to pg_restore', async () => {
    await expect(restoreStore('backup.db', scratch.url)).rejects.toThrow(/pg_restore/);
  });
});
