/**
 * Issue 20: `serve --ca FILE`: a node syncs with a peer behind a private CA when the CA is
 * given, and the peer's certificate is refused when it is not.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { serveLogging } from '../../src/cli/serve-logging.js';
import { type RunningServer, startServer } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { writeSelfSignedCertificate } from '../support/self-signed.js';
import { waitFor } from '../support/wait-for.js';
import { accord } from './support/run-accord.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-ops-serve-'));
const cert = join(dir, 'cert.pem');
const key = join(dir, 'key.pem');
const SHARED = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const PASSWORD = 'peer long password';
const INDICATOR = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  pattern: "[ipv4-addr:value = '203.0.113.9']",
  pattern_type: 'stix',
  valid_from: '2026-01-01T00:00:00Z',
};
const ctx = {
  env: {},
  interactive: false,
  stdout: new PassThrough(),
  stderr: new PassThrough(),
} as unknown as CliContext;
const servers: RunningServer[] = [];
let remoteUrl = '';

beforeAll(async () => {
  writeSelfSignedCertificate(key, cert, ['IP:127.0.0.1']);
  const remoteDb = join(dir, 'remote.db');
  const bundle = join(dir, 'one.json');
  writeFileSync(bundle, JSON.stringify(INDICATOR));
  for (const args of [
    ['org', 'add', 'node-a'],
    ['user', 'add', 'node-a', '--org', 'node-a', '--password', PASSWORD],
    ['collection', 'add', '--title', 'Shared', '--id', SHARED, '--read', 'node-a', '--write', 'node-a'],
    ['import', bundle, '--collection', SHARED, '--as', 'node-a'],
  ])
    expect((await accord([...args, '--db', remoteDb])).code).toBe(0);
  const remoteStore = await openStore(remoteDb);
  const remote = await startServer({
    store: remoteStore,
    host: '127.0.0.1',
    port: 0,
    log: false,
    tlsCert: cert,
    tlsKey: key,
  });
  servers.push(remote);
  remoteUrl = `${remote.url}/taxii2/`;
});
afterAll(async () => {
  for (const s of servers) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A local node pulling SHARED from the remote node every second; `trusted`: started with --ca. */
async function localNode(name: string, trusted: boolean): Promise<Store> {
  const db = join(dir, `${name}.db`);
  for (const args of [
    ['org', 'add', 'node-b'],
    ['collection', 'add', '--title', 'Local', '--id', SHARED, '--read', '*', '--write', 'node-b'],
    [
      'peer',
      'add',
      'node-b',
      '--url',
      remoteUrl,
      '--user',
      'node-a',
      '--password',
      PASSWORD,
      '--remote-collection',
      SHARED,
      '--collection',
      SHARED,
      '--pull',
      '--interval',
      '1',
    ],
  ])
    expect((await accord([...args, '--db', db])).code).toBe(0);
  const store = await openStore(db);
  const logging = await serveLogging(ctx, 'silent', trusted ? cert : undefined);
  servers.push(await startServer({ store, host: '127.0.0.1', port: 0, ...logging }));
  return store;
}

describe('serve --ca', { timeout: 60_000 }, () => {
  it('syncs with a peer behind a private CA when given it; refuses the certificate otherwise', async () => {
    const [trusting, untrusting] = await Promise.all([
      localNode('trusting', true),
      localNode('untrusting', false),
    ]);
    await waitFor(async () => (await trusting.getPeerState('node-b'))?.lastSuccess !== undefined, {
      timeout: 30_000,
      message: 'a successful pull through the private CA',
    });
    expect(await trusting.getVersions(SHARED, INDICATOR.id)).toHaveLength(1);
    await waitFor(async () => (await untrusting.getPeerState('node-b'))?.lastError !== undefined, {
      timeout: 30_000,
      message: 'a failed pull without the CA',
    });
    expect((await untrusting.getPeerState('node-b'))?.lastError).toMatch(/^TAXII_CLIENT_TLS: /);
    expect(await untrusting.getVersions(SHARED, INDICATOR.id)).toEqual([]);
  });

  it('a CA file that is missing or holds no certificate is refused before the node starts (exit 2)', async () => {
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'hello');
    expect((await accord(['serve', '--ca', notPem, '--db', join(dir, 'x.db')])).err).toBe(
      `accord: --ca ${notPem}: no PEM certificate in it\n`,
    );
    expect(await accord(['serve', '--ca', join(dir, 'missing.pem'), '--db', join(dir, 'x.db')])).toEqual({
      code: 2,
      out: '',
      err: `accord: --ca ${join(dir, 'missing.pem')}: ENOENT\n`,
    });
  });
});
