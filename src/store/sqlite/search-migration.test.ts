/** Migration 15 indexes the versions stored before the search index existed, as new ones are. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { collection, sdo, version } from '../conformance/fixtures.js';
import { SqliteStore } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-search-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 15 (search_terms)', () => {
  it('fills the index from the versions already stored', async () => {
    const path = join(dir, 'old.db');
    const before = new SqliteStore({ path, backgroundCheckpoints: false });
    await before.init();
    await before.addCollection(collection('c'));
    const objects = Array.from({ length: 2500 }, (_, i) =>
      sdo('intrusion-set', i + 1, '2021-07-01T00:00:00.000Z', { name: `Set ${i}`, aliases: [`Alias ${i}`] }),
    );
    await before.addVersions(
      'c',
      objects.map((o) => version(o)),
    );
    const expected = await before.searchTerms({ prefix: 'alias 1', limit: 10_000 });
    await before.close();
    // Back to schema 14: as if the versions had been stored before the index existed.
    const db = new Database(path);
    db.exec('DROP TABLE search_terms; ALTER TABLE peer_state DROP COLUMN counters; DROP TABLE leases');
    db.pragma('user_version = 14');
    db.close();
    const after = new SqliteStore({ path, backgroundCheckpoints: false });
    await after.init();
    expect(expected.length).toBeGreaterThan(1000);
    expect(await after.searchTerms({ prefix: 'alias 1', limit: 10_000 })).toEqual(expected);
    await after.close();
  });
});
