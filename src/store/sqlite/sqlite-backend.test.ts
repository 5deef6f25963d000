import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/wait-for.js';
import { asMicros } from '../../stix/index.js';
import { collection, END_OF_TIME, SEE_ALL, sdo, version } from '../conformance/fixtures.js';
import { isStoreError } from '../store-error.js';
import { AuditTable } from './audit-table.js';
import { openConnection } from './connection.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { SqliteStore } from './sqlite-store.js';
import { StatusTable } from './status-table.js';
import { storeFiles } from './test-support/store-files.js';
import { UnsyncedCommit } from './unsynced-commit.js';

const { freshPath, open } = storeFiles();

/**
 * A store with collection `c` whose inserts of tool objects fail inside the transaction (a
 * trigger, through a second connection `side`), so that a batch rolls back half-way.
 */
async function storeFailingOnTools(): Promise<{ store: SqliteStore; side: Database.Database }> {
  const path = freshPath();
  const store = await open(path);
  await store.addCollection(collection('c'));
  const side = new Database(path);
  side.exec(
    "CREATE TRIGGER boom BEFORE INSERT ON versions WHEN NEW.stix_id LIKE 'tool--%' BEGIN SELECT RAISE(ABORT, 'boom'); END",
  );
  return { store, side };
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
    const second = await open(path, { clock: () => asMicros(1) });
    const [b] = await second.addVersions('c', [version(sdo('indicator', 2, '2021-01-01T00:00:00Z'))]);
    expect(b?.dateAdded).toBe((a?.dateAdded ?? 0) + 1);
    const page = await second.queryObjects({ collectionId: 'c', limit: 10, now: END_OF_TIME }, SEE_ALL);
    expect(page.items.map((r) => r.seq)).toEqual([a?.seq, b?.seq]);
    await second.close();
  });

  it('3.4.1 date_added follows released entries already due, so added_after never skips an equal value', async () => {
    let clock = 1_000_000;
    const store = await open(freshPath(), { clock: () => asMicros(clock) });
    await store.addCollection(collection('c'));
    const [a] = await store.addVersions('c', [version(sdo('indicator', 1, '2021-01-01T00:00:00Z'))]);
    await store.addReleaseEntry(a?.seq as number, asMicros(1_000_005));
    clock = 1_000_005;
    const [b] = await store.addVersions('c', [version(sdo('indicator', 2, '2021-01-01T00:00:00Z'))]);
    expect(b?.dateAdded).toBe(1_000_006);
    // A batch ends at the clock when there is room, and never goes below earlier entries.
    clock = 2_000_000;
    const batch = await store.addVersions(
      'c',
      [3, 4, 5].map((k) => version(sdo('tool', k, '2021-01-01T00:00:00Z'))),
    );
    expect(batch.map((o) => o.dateAdded)).toEqual([1_999_998, 1_999_999, 2_000_000]);
    clock = 2_000_001;
    const next = await store.addVersions(
      'c',
      [6, 7, 8].map((k) => version(sdo('tool', k, '2021-01-01T00:00:00Z'))),
    );
    expect(next.map((o) => o.dateAdded)).toEqual([2_000_001, 2_000_002, 2_000_003]);
    await store.close();
  });

  it('two connections on one file (a CLI beside the server) interleave writes with increasing date_added', async () => {
    const path = freshPath();
    const server = await open(path);
    const cli = await open(path, { clock: () => asMicros(5) });
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

  it('one response disclosing a page of restricted versions is one audit row, read back as one event per object', async () => {
    const path = freshPath();
    const store = await open(path);
    const at = '2021-07-19T00:00:00.000Z';
    const page = Array.from({ length: 500 }, (_, i) => ({
      at,
      action: 'read',
      orgId: 'uk-ncsc',
      username: 'alice',
      objectId: `report--${i}`,
      objectVersion: at,
      marking: 'TLP:AMBER',
    }));
    await store.appendAudit(page);
    expect(await store.listAudit({})).toEqual(page);
    await store.close();
    const db = new Database(path);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1);
    db.close();
  });

  it('a worker thread checkpoints the WAL, so commits need not', async () => {
    const path = freshPath();
    const store = await open(path);
    await store.addCollection(collection('c'));
    const fileSize = () => statSync(path).size;
    const before = fileSize();
    // Fewer pages than even SQLite's own threshold (1000): only the worker copies them.
    await store.addVersions(
      'c',
      Array.from({ length: 300 }, (_, i) => version(sdo('indicator', i, '2021-01-01T00:00:00.000Z'))),
    );
    expect(fileSize()).toBe(before);
    await waitFor(() => fileSize() > before, { timeout: 5000, message: 'the worker to checkpoint' });
    await store.close();
  });

  it('without background checkpoints, commits checkpoint as SQLite does by default', async () => {
    const path = freshPath();
    const store = new SqliteStore({ path, backgroundCheckpoints: false });
    await store.init();
    // A witness store with the worker, written the same way: once its worker has checkpointed,
    // a worker of the first store would have had as long to do so.
    const witnessPath = freshPath();
    const witness = await open(witnessPath);
    for (const s of [store, witness]) await s.addCollection(collection('c'));
    const before = statSync(path).size;
    const witnessBefore = statSync(witnessPath).size;
    for (const s of [store, witness])
      await s.addVersions('c', [version(sdo('indicator', 1, '2021-01-01T00:00:00.000Z'))]);
    await waitFor(() => statSync(witnessPath).size > witnessBefore, {
      timeout: 5000,
      message: "the witness store's worker to checkpoint",
    });
    expect(statSync(path).size).toBe(before);
    await Promise.all([store.close(), witness.close()]);
  });

  it('disclosure records and statuses commit without an fsync; every other batch, and everything after, stays synced', () => {
    const db = openConnection({ path: freshPath() });
    migrate(db);
    const FULL = 2;
    const at = '2021-07-19T00:00:00.000Z';
    const seen: number[] = [];
    const pragma = db.pragma.bind(db);
    // Every switch of `synchronous`, whether through db.pragma or a prepared PRAGMA statement.
    const note = (source: string) => {
      const m = /^(?:PRAGMA )?synchronous = (\w+)$/.exec(source);
      if (m) seen.push(m[1] === 'NORMAL' ? 1 : FULL);
    };
    db.pragma = ((source: string, options?: Database.PragmaOptions) => {
      note(source);
      return pragma(source, options);
    }) as typeof db.pragma;
    const prepare = db.prepare.bind(db);
    db.prepare = ((source: string) => {
      const stmt = prepare(source);
      const run = stmt.run.bind(stmt);
      stmt.run = ((...params: unknown[]) => {
        note(source);
        return run(...params);
      }) as typeof stmt.run;
      return stmt;
    }) as typeof db.prepare;
    const unsynced = new UnsyncedCommit(db);
    const audit = new AuditTable(db, unsynced);
    audit.appendAll([
      { at, action: 'read', orgId: 'o', objectId: 'x--1' },
      { at, action: 'send', orgId: 'o' },
    ]);
    expect(seen).toEqual([1, FULL]);
    audit.appendAll([
      { at, action: 'read', orgId: 'o' },
      { at, action: 'org.add', orgId: 'o' },
    ]);
    expect(seen).toEqual([1, FULL]);
    // A status resource reports on versions already committed and synced.
    const statuses = new StatusTable(db, unsynced);
    statuses.put({
      id: 's1',
      collectionId: 'c',
      status: 'complete',
      requestTimestamp: at,
      totalCount: 0,
      successes: [],
      failures: [],
      pendings: [],
      ownerOrg: 'o',
    });
    expect(seen).toEqual([1, FULL, 1, FULL]);
    expect(statuses.get('s1')?.status).toBe('complete');
    expect(pragma('synchronous', { simple: true })).toBe(FULL);
    expect(audit.list({})).toHaveLength(4);
    db.close();
  });

  it('marking definitions and organisations added by another process are seen at once, and change the policy generation', async () => {
    const path = freshPath();
    const a = await open(path);
    const b = await open(path);
    const before = await a.generation('policy');
    await b.putMarkingDefinition('marking-definition--1', '{"x":1}', { kind: 'node' });
    await b.addOrganization({ id: 'nz-ncsc', name: 'NZ', identityId: 'identity--9' });
    const after = await a.generation('policy');
    expect(after).not.toBe(before);
    expect((await a.listMarkingDefinitions()).get('marking-definition--1')?.json).toBe('{"x":1}');
    expect((await a.listOrganizations()).map((o) => o.id)).toContain('nz-ncsc');
    // Adding an id already known changes nothing.
    await b.putMarkingDefinition('marking-definition--1', '{"x":2}', { kind: 'node' });
    expect(await a.generation('policy')).toBe(after);
    await a.close();
    await b.close();
  });

  it('a rolled-back batch leaves no trace: row facts of later versions stay right', async () => {
    const { store, side } = await storeFailingOnTools();
    const failing = [
      version(sdo('indicator', 1, '2021-01-01T00:00:00Z'), 'org-x'),
      version(sdo('tool', 2, '2021-01-01T00:00:00Z')),
    ];
    const error = await store.addVersions('c', failing).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isStoreError(error, 'STORE_BACKEND_FAILURE')).toBe(true);
    side.exec('DROP TRIGGER boom');
    side.close();
    await store.addVersions('c', [version(sdo('indicator', 3, '2021-01-01T00:00:00Z'), 'org-y', 'peer:p')]);
    await store.addVersions('c', [version(sdo('indicator', 1, '2021-01-01T00:00:00Z'), 'org-x')]);
    const page = await store.queryObjects({ collectionId: 'c', limit: 10, now: END_OF_TIME }, SEE_ALL);
    expect(page.items.map((r) => `${r.id.slice(-1)}:${r.producerOrg}:${r.origin}`)).toEqual([
      '3:org-y:peer:p',
      '1:org-x:local',
    ]);
    await store.close();
  });

  it('after a rollback, the facts the failed batch asked for last are not taken from its rolled-back row_meta', async () => {
    const { store, side } = await storeFailingOnTools();
    const failed = await store
      .addVersions('c', [version(sdo('tool', 1, '2021-01-01T00:00:00Z'), 'org-x')])
      .then(
        () => false,
        () => true,
      );
    expect(failed).toBe(true);
    side.exec('DROP TRIGGER boom');
    side.close();
    // The same facts as the failed row first, then new facts that may take the freed row_meta id.
    await store.addVersions('c', [version(sdo('tool', 1, '2021-01-01T00:00:00Z'), 'org-x')]);
    await store.addVersions('c', [version(sdo('indicator', 2, '2021-01-01T00:00:00Z'), 'org-y', 'peer:p')]);
    const page = await store.queryObjects({ collectionId: 'c', limit: 10, now: END_OF_TIME }, SEE_ALL);
    expect(page.items.map((r) => `${r.type}:${r.producerOrg}:${r.origin}`)).toEqual([
      'tool:org-x:local',
      'indicator:org-y:peer:p',
    ]);
    await store.close();
  });

  it('finds stored versions again whatever characters their ids hold (the batch lookup)', async () => {
    const store = await open(freshPath());
    await store.addCollection(collection('c'));
    const ids = ['x--"quoted"\\', 'x--\u00e9t\u00e9 \ud83d\ude00', 'x--lone \ud800 surrogate', 'x--\u0001'];
    const batch = ids.map((id) => version({ type: 'x', id, modified: '2021-01-01T00:00:00Z' }));
    expect((await store.addVersions('c', batch)).map((o) => o.status)).toEqual(ids.map(() => 'stored'));
    const again = await store.addVersions('c', batch);
    expect(again.map((o) => o.status === 'duplicate' && o.sameContent)).toEqual(ids.map(() => true));
    await store.close();
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
