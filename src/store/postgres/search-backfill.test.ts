import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collection, sdo, version } from '../conformance/fixtures.js';
import { PostgresStore } from './index.js';
import {
  createScratchDatabase,
  DROP_TIMEOUT_MS,
  type ScratchDatabase,
  TEST_PG_URL,
  unreachable,
} from './scratch-database.js';

const why = await unreachable();
const suite = why === undefined ? describe : describe.skip;

suite(`PostgreSQL migration 2${why === undefined ? '' : ` (skipped: ${TEST_PG_URL}: ${why})`}`, () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(async () => scratch?.drop(), DROP_TIMEOUT_MS);

  it('indexes for search the versions stored before the search index existed', async () => {
    const url = await scratch.schemaUrl();
    const secretKey = { key: randomBytes(32), origin: 'a test key' };
    const before = new PostgresStore({ url, secretKey });
    await before.init();
    await before.addCollection(collection('c'));
    await before.addVersions('c', [
      version(sdo('malware', 1, '2021-01-01T00:00:00.000Z', { name: 'Sunburst' })),
    ]);
    await before.close();
    // Back to the schema of migration 1, with its data.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      'DROP TABLE search_terms, sessions, leases; ALTER TABLE peer_state DROP COLUMN counters;' +
        ' UPDATE schema_version SET version = 1',
    );
    await client.end();
    const after = new PostgresStore({ url, secretKey });
    await after.init();
    try {
      const hits = await after.searchTerms({ prefix: 'sunb', limit: 10 });
      expect(hits.map((h) => [h.id, h.collectionId, h.field])).toEqual([
        [sdo('malware', 1, '').id, 'c', 'name'],
      ]);
    } finally {
      await after.close();
    }
  });
});
