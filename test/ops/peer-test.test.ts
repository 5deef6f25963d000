/**
 * CONTRACT.md "Operations": `peer test NAME` tries DNS, TCP, TLS, auth, discovery, collection
 * read and collection write against a real node started here (HTTPS with a certificate of its
 * own), each failure named at its own step; `peer remove NAME` forgets a peer and its state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { writeSelfSignedCertificate } from '../support/self-signed.js';
import { accord } from './support/run-accord.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-ops-peer-test-'));
const remoteDb = join(dir, 'remote.db');
const db = join(dir, 'local.db');
const cert = join(dir, 'cert.pem');
const key = join(dir, 'key.pem');
const SHARED = '7c9d0b1e-2f3a-4b5c-8d6e-7f8a9b0c1d2e';
const READ_ONLY = '8d0e1f2a-3b4c-4d5e-9f6a-7b8c9d0e1f2a';
const LOCAL = '9e1f2a3b-4c5d-4e6f-8a7b-8c9d0e1f2a3b';
const PASSWORD = 'peer long password';
let remoteStore: Store;
let remote: RunningServer;

interface Step {
  step: string;
  ok: boolean;
  error?: string;
}
const at = (...args: string[]) => accord([...args, '--db', db]);

async function addPeer(name: string, url: string, extra: string[] = []) {
  const r = await at(
    'peer',
    'add',
    name,
    '--url',
    url,
    '--user',
    'node-a',
    '--password',
    PASSWORD,
    '--remote-collection',
    SHARED,
    '--collection',
    LOCAL,
    '--org',
    'node-b',
    ...extra,
  );
  expect(r, r.err).toMatchObject({ code: 0 });
}

async function steps(name: string, ...extra: string[]): Promise<{ code: number; steps: Step[] }> {
  const r = await at('peer', 'test', name, '--json', '--timeout', '3000', ...extra);
  return { code: r.code, steps: (JSON.parse(r.out) as { steps: Step[] }).steps };
}

/** The step names with ok, then the first failure's error. */
const summary = (s: Step[]) => ({
  ok: s.filter((x) => x.ok).map((x) => x.step),
  failed: s.find((x) => !x.ok)?.step,
  error: s.find((x) => !x.ok)?.error,
});

beforeAll(async () => {
  writeSelfSignedCertificate(key, cert);
  for (const args of [
    ['org', 'add', 'node-a'],
    ['user', 'add', 'node-a', '--org', 'node-a', '--password', PASSWORD],
    ['collection', 'add', '--title', 'Shared', '--id', SHARED, '--read', 'node-a', '--write', 'node-a'],
    ['collection', 'add', '--title', 'Read only', '--id', READ_ONLY, '--read', 'node-a'],
  ])
    expect((await accord([...args, '--db', remoteDb])).code).toBe(0);
  remoteStore = await openStore(remoteDb);
  remote = await startServer({
    store: remoteStore,
    host: '127.0.0.1',
    port: 0,
    log: false,
    tlsCert: cert,
    tlsKey: key,
  });
  for (const args of [
    ['org', 'add', 'node-b'],
    ['collection', 'add', '--title', 'Local', '--id', LOCAL, '--read', '*', '--write', 'node-b'],
  ])
    expect((await at(...args)).code).toBe(0);
});
afterAll(async () => {
  await remote.close();
  await remoteStore.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('peer test', { timeout: 60_000 }, () => {
  it('every step passes against a reachable node whose certificate is trusted: exit 0', async () => {
    await addPeer('good', `${remote.url}/taxii2/`);
    const r = await steps('good', '--ca', cert);
    expect(r.steps.map((s) => s.step)).toEqual([
      'DNS',
      'TCP',
      'TLS',
      'auth',
      'discovery',
      'collection read',
      'collection write',
    ]);
    expect(r.steps.filter((s) => !s.ok)).toEqual([]);
    expect(r.code).toBe(0);
    const human = await at('peer', 'test', 'good', '--ca', cert);
    expect(
      human.out
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(0, 4)),
    ).toEqual(Array(7).fill('ok  '));
  });

  it('an untrusted certificate fails at TLS, and the later steps are not tried: exit 1', async () => {
    const r = await steps('good');
    expect(r.code).toBe(1);
    expect(summary(r.steps)).toMatchObject({ ok: ['DNS', 'TCP'], failed: 'TLS' });
    expect(r.steps.slice(3).every((s) => !s.ok && s.error === 'not tried: TLS failed')).toBe(true);
  });

  it('a wrong password fails at auth', async () => {
    await addPeer('badpw', `${remote.url}/taxii2/`, ['--password', 'not the password']);
    expect(summary((await steps('badpw', '--ca', cert)).steps)).toEqual({
      ok: ['DNS', 'TCP', 'TLS'],
      failed: 'auth',
      error: 'the peer refused the login of node-a (401): check the user and password',
    });
  });

  it('an unknown remote collection fails at collection read; a read-only one fails write for a push peer', async () => {
    await addPeer('nocol', `${remote.url}/taxii2/`, ['--remote-collection', LOCAL]);
    expect(summary((await steps('nocol', '--ca', cert)).steps)).toMatchObject({
      failed: 'collection read',
      error: `no collection ${LOCAL} on the peer that node-a may use (404)`,
    });
    await addPeer('ro-push', `${remote.url}/taxii2/`, ['--remote-collection', READ_ONLY, '--push']);
    expect(summary((await steps('ro-push', '--ca', cert)).steps)).toEqual({
      ok: ['DNS', 'TCP', 'TLS', 'auth', 'discovery', 'collection read'],
      failed: 'collection write',
      error: `node-a may not write collection ${READ_ONLY} on the peer (push needs it)`,
    });
    await addPeer('ro-pull', `${remote.url}/taxii2/`, ['--remote-collection', READ_ONLY, '--pull']);
    expect((await steps('ro-pull', '--ca', cert)).code).toBe(0);
  });

  it('a closed port fails at TCP; a name that does not resolve fails at DNS', async () => {
    const closed = await startServer({ store: remoteStore, host: '127.0.0.1', port: 0, log: false });
    const url = `${closed.url}/taxii2/`;
    await closed.close();
    await addPeer('closed', url);
    expect(summary((await steps('closed')).steps)).toMatchObject({ ok: ['DNS'], failed: 'TCP' });
    expect(summary((await steps('closed')).steps).error).toMatch(
      /^cannot connect to 127\.0\.0\.1:\d+: ECONNREFUSED$/,
    );
    await addPeer('nxdomain', 'https://peer.invalid/taxii2/');
    const dns = summary((await steps('nxdomain')).steps);
    expect(dns).toMatchObject({ ok: [], failed: 'DNS' });
    expect(dns.error).toMatch(/^cannot resolve peer\.invalid: /);
  });

  it('bad input: an unknown peer is exit 1, an unreadable --ca or a bad --timeout exit 2', async () => {
    expect(await at('peer', 'test', 'nobody')).toEqual({
      code: 1,
      out: '',
      err: 'accord: no peer named nobody\n',
    });
    expect(await at('peer', 'test', 'good', '--ca', join(dir, 'missing.pem'))).toMatchObject({
      code: 2,
      err: `accord: --ca ${join(dir, 'missing.pem')}: ENOENT\n`,
    });
    expect((await at('peer', 'test', 'good', '--timeout', 'soon')).code).toBe(2);
  });
});

describe('peer remove', () => {
  it('removes the peer and its state; removing it again, or an unknown peer, is exit 1', async () => {
    expect(await at('peer', 'remove', 'badpw')).toEqual({ code: 0, out: 'peer badpw removed\n', err: '' });
    const names = (JSON.parse((await at('peer', 'list', '--json')).out) as { id: string }[]).map((p) => p.id);
    expect(names).not.toContain('badpw');
    expect(names).toContain('good');
    expect(await at('peer', 'remove', 'badpw')).toEqual({
      code: 1,
      out: '',
      err: 'accord: no peer named badpw; see `accord peer list`\n',
    });
    const { events } = JSON.parse((await at('audit', '--json')).out) as { events: { action: string }[] };
    expect(events.filter((e) => e.action === 'peer.remove')).toHaveLength(1);
  });
});
