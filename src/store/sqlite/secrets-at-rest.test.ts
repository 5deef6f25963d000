/** Secrets at rest: peer passwords sealed with a key outside the database; files only their owner reads. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openConnection } from './connection.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-at-rest-'));
let n = 0;
const freshPath = () => join(dir, `d${n++}`, 'data', 'accord.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PEER = {
  name: 'bravo',
  url: 'https://bravo.example.com/taxii2/',
  username: 'alpha-node',
  password: 'the-peer-password-1234',
  remoteCollection: 'r',
  localCollection: 'l',
  orgId: 'au-acsc',
  speaksFor: ['au-acsc'],
  pull: true,
  push: true,
  intervalSeconds: 60,
};

async function open(path: string): Promise<SqliteStore> {
  const store = new SqliteStore({ path });
  await store.init();
  return store;
}

/** Every byte of the database and its WAL, as latin1 text to search. */
function fileBytes(path: string): string {
  return ['', '-wal']
    .map((suffix) => {
      try {
        return readFileSync(`${path}${suffix}`).toString('latin1');
      } catch {
        return '';
      }
    })
    .join('');
}

describe('secrets at rest', () => {
  it('a peer password is nowhere in the database files, and reads back through the key file', async () => {
    const path = freshPath();
    const store = await open(path);
    await store.putPeer(PEER);
    expect(await store.getPeer('bravo')).toEqual(PEER);
    expect(fileBytes(path)).not.toContain(PEER.password);
    expect(fileBytes(path)).toContain('enc:v1:');
    await store.close();
    const again = await open(path);
    expect((await again.listPeers())[0]?.password).toBe(PEER.password);
    await again.close();
  });

  it('without its key, reading a peer fails with a clear error naming where the key was looked for', async () => {
    const path = freshPath();
    const store = await open(path);
    await store.putPeer(PEER);
    await store.close();
    rmSync(`${path}.key`);
    const keyless = await open(path);
    await expect(keyless.getPeer('bravo')).rejects.toMatchObject({
      code: 'STORE_SECRET_KEY_MISSING',
      message: `the password of peer bravo is encrypted, but there is no key at ${path}.key: restore the key file (or set $ACCORD_SECRET_KEY_FILE / $ACCORD_SECRET_KEY)`,
    });
    await keyless.close();
  });

  it('migration 11 seals the passwords an older Accord stored in clear', async () => {
    const path = freshPath();
    mkdirSync(dirname(path), { recursive: true });
    const db = openConnection({ path });
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 10),
    );
    db.prepare(
      'INSERT INTO peers (name, url, username, password, remote_collection, local_collection, org_id, pull, push, interval_seconds)' +
        ' VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1, 60)',
    ).run('bravo', PEER.url, PEER.username, PEER.password, 'r', 'l', 'au-acsc');
    db.close();
    const migrated = await open(path);
    expect((await migrated.getPeer('bravo'))?.password).toBe(PEER.password);
    await migrated.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT password FROM peers').pluck().get()).toMatch(/^enc:v1:/);
    raw.close();
  });

  it('rotate-key seals every peer password again under a new key, which reads them after reopening', async () => {
    const path = freshPath();
    const store = await open(path);
    await store.putPeer(PEER);
    await store.putPeer({ ...PEER, name: 'charlie', password: 'another password' });
    const oldKey = readFileSync(`${path}.key`, 'utf8');
    const rotation = await store.rotateSecretKey();
    expect(rotation).toEqual({
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
      resealed: 2,
      keyFile: `${path}.key`,
    });
    expect(readFileSync(`${path}.key`, 'utf8')).not.toBe(oldKey);
    expect((await store.listPeers()).map((p) => p.password)).toEqual([PEER.password, 'another password']);
    await store.close();
    const reopened = await open(path);
    expect((await reopened.getPeer('charlie'))?.password).toBe('another password');
    await reopened.close();
  });

  it('the data folder Accord creates is 0700; the database, its -wal and -shm, and the key file are 0600', async () => {
    const path = freshPath();
    const store = await open(path);
    await store.putPeer(PEER);
    const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
    expect(mode(join(path, '..'))).toBe('700');
    for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}.key`])
      expect(mode(file), file).toBe('600');
    await store.close();
  });
});
