/** SQLite schema migrations: from older files, in order, keeping the data; refusing newer ones. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { collection, END_OF_TIME, SEE_ALL, sdo, version } from '../conformance/fixtures.js';
import { isStoreError } from '../store-error.js';
import { openConnection } from './connection.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { SqliteStore } from './sqlite-store.js';
import { storeFiles } from './test-support/store-files.js';

const { freshPath, open } = storeFiles();

/**
 * A file at schema `version` (the first migrations only), holding the versions `rows` as that
 * schema stored them: collection `c`, each version one row of one row_meta entry.
 */
function fileAtSchema(version: number, rows: readonly Record<string, unknown>[]): string {
  const path = freshPath();
  const db = openConnection({ path });
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= version),
  );
  db.prepare(
    "INSERT INTO collections (id, title, can_read, can_write, media_types) VALUES ('c', 'C', '[\"*\"]', '[\"*\"]', '[]')",
  ).run();
  db.prepare(
    "INSERT INTO row_meta (meta_id, type, spec_version, producer_org, origin, marking_refs) VALUES (1, 'x', '2.1', 'org-a', 'local', '')",
  ).run();
  const insert = db.prepare(
    'INSERT INTO versions (collection, stix_id, type, version, version_key, spec_version, date_added, meta_id, json, flags)' +
      " VALUES ('c', ?, ?, ?, ?, '2.1', ?, 1, ?, 3)",
  );
  for (const [i, o] of rows.entries()) {
    insert.run(o.id, o.type, o.modified, Date.parse(String(o.modified)) * 1000, 1000 + i, JSON.stringify(o));
  }
  db.close();
  return path;
}

describe('SqliteStore migrations', () => {
  it('migrations run in order from an older schema and keep the data', async () => {
    // A file written by the first Accord (schema 1), opened by this one.
    const path = fileAtSchema(1, [sdo('report', 1, '2021-07-19T00:00:00.000Z')]);
    const reopened = await open(path);
    const page = await reopened.queryObjects(
      { collectionId: 'c', types: ['report'], limit: 5, now: END_OF_TIME },
      SEE_ALL,
    );
    expect(page.items.map((r) => r.id)).toEqual([sdo('report', 1, '2021-07-19T00:00:00.000Z').id]);
    await reopened.close();
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(
      check.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'versions_type_feed'").pluck().get(),
    ).toBe(1);
    check.close();
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('migration 13 turns version flags into columns and audit lists into rows, and lists the same events', async () => {
    const objects = [
      sdo('report', 1, '2021-07-19T00:00:00.000Z'),
      sdo('report', 2, '2021-07-19T00:00:00.000Z'),
    ];
    const path = fileAtSchema(12, objects);
    const old = new Database(path);
    const seqs = old.prepare('SELECT seq FROM versions ORDER BY seq').pluck().all() as number[];
    const at = '2021-07-19T12:00:00.000Z';
    const row = old.prepare(
      'INSERT INTO audit_log (at, at_micros, action, org_id, username, detail, objects, versions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const us = Date.parse(at) * 1000;
    // A disclosure as schema 12 wrote it: seqs as deltas, each naming a marking by index.
    const deltas = [seqs[1] as number, (seqs[0] as number) - (seqs[1] as number)];
    row.run(
      at,
      us,
      'read',
      'uk-ncsc',
      'alice',
      null,
      null,
      JSON.stringify({ markings: ['red'], deltas, of: [0, 0] }),
    );
    row.run(at, us + 1, 'send', 'au-acsc', null, null, JSON.stringify([['indicator--x', at, 'amber']]), null);
    row.run(at, us + 2, 'org.add', 'nz-ncsc', null, 'added', null, null);
    old.close();

    const store = await open(path);
    const [one, two] = objects.map((o) => o.id as string);
    const read = {
      at,
      action: 'read',
      orgId: 'uk-ncsc',
      username: 'alice',
      objectVersion: '2021-07-19T00:00:00.000Z',
      marking: 'red',
    };
    expect(await store.listAudit({})).toEqual([
      { ...read, objectId: two },
      { ...read, objectId: one },
      { at, action: 'send', orgId: 'au-acsc', objectId: 'indicator--x', objectVersion: at, marking: 'amber' },
      { at, action: 'org.add', orgId: 'nz-ncsc', detail: 'added' },
    ]);
    // Who received this object: found through the index on audit_objects.
    expect(await store.listAudit({ objectId: one as string })).toEqual([{ ...read, objectId: one }]);
    expect(await store.listAudit({ objectId: 'indicator--x' })).toHaveLength(1);
    const page = await store.queryObjects({ collectionId: 'c', limit: 5, now: END_OF_TIME }, SEE_ALL);
    expect(page.items.map((r) => r.id)).toEqual([one, two]);
    await store.close();
    const check = new Database(path, { readonly: true });
    const columns = (table: string) =>
      (check.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('versions')).not.toContain('flags');
    expect(columns('versions')).toEqual(
      expect.arrayContaining(['is_latest', 'is_first', 'has_granular', 'contested']),
    );
    expect(columns('audit_log')).not.toContain('versions');
    expect(check.prepare('SELECT count(*) FROM audit_objects').pluck().get()).toBe(3);
    const plan = check
      .prepare('EXPLAIN QUERY PLAN SELECT audit_id FROM audit_objects WHERE seq = 1')
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX audit_objects_seq/);
    check.close();
  });

  it('rows say whether the object has granular markings; migration 4 flags rows stored before it', async () => {
    const marked = { granular_markings: [{ lang: 'en', selectors: ['name'] }], name: 'n' };
    const nested = { x_note: { granular_markings: 'not a marking' } };
    const objects = [
      sdo('tool', 1, '2021-07-19T00:00:00.000Z', marked),
      sdo('tool', 2, '2021-07-19T00:00:00.000Z', nested),
      sdo('tool', 3, '2021-07-19T00:00:00.000Z'),
    ];
    const flags = async (s: SqliteStore) =>
      (await s.queryObjects({ collectionId: 'c', limit: 10, now: END_OF_TIME }, SEE_ALL)).items.map(
        (r) => r.granular,
      );
    const fresh = await open(freshPath());
    await fresh.addCollection(collection('c'));
    await fresh.addVersions(
      'c',
      objects.map((o) => version(o)),
    );
    expect(await flags(fresh)).toEqual([true, false, false]);
    await fresh.close();
    // Stored by schema 3, before the flag existed.
    const migrated = await open(fileAtSchema(3, objects));
    // The migration matches text, a superset (a false flag only sends the row to the slow path).
    expect(await flags(migrated)).toEqual([true, true, false]);
    await migrated.close();
  });

  it('refuses a database written by a newer schema (STORE_SCHEMA_TOO_NEW)', async () => {
    const path = freshPath();
    await (await open(path)).close();
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    const store = new SqliteStore({ path });
    const error = await store.init().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isStoreError(error, 'STORE_SCHEMA_TOO_NEW')).toBe(true);
  });
});
