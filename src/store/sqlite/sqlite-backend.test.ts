import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { collection, END_OF_TIME, SEE_ALL, sdo, version } from '../conformance/fixtures.js';
import { isStoreError } from '../store-error.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-sqlite-'));
let n = 0;
const freshPath = () => join(dir, `b${n++}`, 'accord.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open(path: string, options: { clock?: () => number } = {}): Promise<SqliteStore> {
  const store = new SqliteStore({ path, ...options });
  await store.init();
  return store;
}

describe('SqliteStore specifics', () => {
  it('creates the folder, runs WAL with synchronous=FULL and records the schema version', async () => {
    const path = freshPath();
    await (await open(path)).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
    db.close();
    // Re-initialising an up-to-date file is a no-op.
    await (await open(path)).close();
  });

  it('data survives close and reopen, and date_added keeps increasing after a clock step back', async () => {
    const path = freshPath();
    const first = await open(path);
    await first.addCollection(collection('c'));
    const [a] = await first.addVersions('c', [version(sdo('indicator', 1, '2021-01-01T00:00:00Z'))]);
    await first.close();
    const second = await open(path, { clock: () => 1 });
    const [b] = await second.addVersions('c', [version(sdo('indicator', 2, '2021-01-01T00:00:00Z'))]);
    expect(b?.dateAdded).toBe((a?.dateAdded ?? 0) + 1);
    const page = await second.queryObjects({ collectionId: 'c', limit: 10, now: END_OF_TIME }, SEE_ALL);
    expect(page.items.map((r) => r.seq)).toEqual([a?.seq, b?.seq]);
    await second.close();
  });

  it('two connections on one file (a CLI beside the server) interleave writes with increasing date_added', async () => {
    const path = freshPath();
    const server = await open(path);
    const cli = await open(path, { clock: () => 5 });
    await server.addCollection(collection('c'));
    const added: number[] = [];
    for (let i = 0; i < 10; i++) {
      const store = i % 2 === 0 ? server : cli;
      const [o] = await store.addVersions('c', [version(sdo('indicator', i, '2021-01-01T00:00:00Z'))]);
      added.push(o?.dateAdded ?? -1);
    }
    expect([...added].sort((x, y) => x - y)).toEqual(added);
    expect(new Set(added).size).toBe(10);
    const seen = await cli.queryObjects({ collectionId: 'c', limit: 100, now: END_OF_TIME }, SEE_ALL);
    expect(seen.items).toHaveLength(10);
    await cli.close();
    await server.close();
  });

  it('the audit log refuses UPDATE and DELETE at the engine level', async () => {
    const path = freshPath();
    const store = await open(path);
    await store.appendAudit({ at: '2021-07-19T00:00:00Z', action: 'read', orgId: 'uk-ncsc' });
    await store.close();
    const db = new Database(path);
    expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1);
    db.close();
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

  it('reports a busy database as STORE_BUSY instead of hanging', async () => {
    const path = freshPath();
    const store = new SqliteStore({ path, busyTimeoutMs: 50 });
    await store.init();
    await store.addCollection(collection('c'));
    const locker = new Database(path);
    locker.exec('BEGIN IMMEDIATE');
    const error = await store.addVersions('c', [version(sdo('indicator', 1, '2021-01-01T00:00:00Z'))]).then(
      () => undefined,
      (e: unknown) => e,
    );
    locker.exec('ROLLBACK');
    locker.close();
    expect(isStoreError(error, 'STORE_BUSY')).toBe(true);
    await store.close();
  });
});
