import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { collection, sdo, version } from '../conformance/fixtures.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-removal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The port cannot see stale search terms (a search reads versions through them), so the file can.
describe('SqliteStore removeCollection', () => {
  it('takes the removed versions’ search terms with them', async () => {
    const path = join(dir, 'accord.db');
    const store = new SqliteStore({ path });
    await store.init();
    await store.addCollection(collection('gone'));
    await store.addCollection(collection('kept'));
    const named = (n: number) => sdo('malware', n, '2021-03-02T00:00:00.000Z', { name: `Hafnium tool ${n}` });
    await store.addVersions('gone', [version(named(1)), version(named(2))]);
    await store.addVersions('kept', [version(named(3))]);
    const terms = () =>
      new Database(path, { readonly: true })
        .prepare('SELECT count(DISTINCT seq) FROM search_terms')
        .pluck()
        .get();
    expect(terms()).toBe(3);
    expect(await store.removeCollection('gone', { cascade: true })).toBe(true);
    expect(terms()).toBe(1);
    await store.close();
  });
});
