/**
 * With autovacuum off, the store analyzes its growing tables itself, so that lookups of ids stay
 * index lookups as a collection grows (ADR 0026).
 */
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

const BATCH = 500;
const BATCHES = 12;

suite(`PostgreSQL statistics without autovacuum${why === undefined ? '' : ` (skipped: ${TEST_PG_URL}: ${why})`}`, () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(async () => scratch?.drop(), DROP_TIMEOUT_MS);

  it('analyzes the tables as they grow, so a lookup of ids uses the (collection, stix_id) index', async () => {
    const url = await scratch.schemaUrl();
    const secretKey = { key: randomBytes(32), origin: 'a test key' };
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const first = new PostgresStore({ url, secretKey });
    await first.init();
    await first.close();
    // Off for this table whatever the server's setting, as an operator may set it.
    await client.query('ALTER TABLE versions SET (autovacuum_enabled = false)');
    const store = new PostgresStore({ url, secretKey });
    await store.init();
    try {
      await store.addCollection(collection('c'));
      for (let b = 0; b < BATCHES; b++) {
        const objects = Array.from({ length: BATCH }, (_, i) =>
          sdo('malware', b * BATCH + i + 1, '2021-03-02T00:00:00.000Z', { name: `m${b}-${i}` }),
        );
        await store.addVersions(
          'c',
          objects.map((o) => version(o)),
        );
      }
      await store.close();
      const tuples = await client.query<{ n: number }>(
        "SELECT reltuples::float8 AS n FROM pg_class WHERE oid = to_regclass('versions')",
      );
      // Analyzed after growing, not only once when empty.
      expect(tuples.rows[0]?.n).toBeGreaterThan(BATCH * BATCHES * 0.5);
      const ids = [1, 2000, 4000].map((n) => String(sdo('malware', n, '').id));
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        "EXPLAIN SELECT stix_id FROM versions WHERE collection = 'c' AND stix_id = ANY($1)",
        [ids],
      );
      const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toContain('versions_by_chain');
      expect(text).not.toContain('versions_feed');
    } finally {
      await store.close();
      await client.end();
    }
  });
});
