import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeerRecord } from '../peers.js';
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

const peer: PeerRecord = {
  name: 'au',
  url: 'https://au.example/taxii2/',
  username: 'uk-sync',
  password: 'correct horse battery staple',
  remoteCollection: 'r',
  localCollection: 'l',
  orgId: 'au-acsc',
  speaksFor: ['au-acsc'],
  pull: true,
  push: false,
  intervalSeconds: 60,
};

suite(`PostgreSQL peer passwords at rest${why === undefined ? '' : ` (skipped: ${TEST_PG_URL}: ${why})`}`, () => {
  let scratch: ScratchDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'accord-pg-key-'));
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await scratch?.drop();
  }, DROP_TIMEOUT_MS);

  it('seals passwords with a key outside the database, and rotateSecretKey seals them again', async () => {
    const url = await scratch.schemaUrl();
    const file = join(dir, 'node.key');
    const store = new PostgresStore({ url, secretKey: { file } });
    await store.init();
    try {
      await store.putPeer(peer);
      const before = readFileSync(file, 'utf8');
      const rotation = await store.rotateSecretKey();
      expect(rotation.resealed).toBe(1);
      expect(rotation.keyFile).toBe(file);
      expect(readFileSync(file, 'utf8')).not.toBe(before);
      expect(existsSync(`${file}.next`)).toBe(false);
      expect((await store.getPeer('au'))?.password).toBe(peer.password);
    } finally {
      await store.close();
    }
    // Another process with only the new key file reads it; without the key file it cannot.
    const other = new PostgresStore({ url, secretKey: { file } });
    await other.init();
    expect((await other.getPeer('au'))?.password).toBe(peer.password);
    await other.close();
    const keyless = new PostgresStore({ url, secretKey: { file: join(dir, 'missing.key') } });
    await keyless.init();
    await expect(keyless.getPeer('au')).rejects.toMatchObject({ code: 'STORE_SECRET_KEY_MISSING' });
    await keyless.close();
  });
});
