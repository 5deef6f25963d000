/**
 * CONTRACT.md "Operations": `user password`, `user disable|enable`, `token add --expires`,
 * `token list`, `token revoke`, run as separate processes beside a running node, whose next
 * request refuses what they revoked (401) — its cached logins do not outlive the change.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { TAXII } from './support/taxii-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-accounts-'));
const db = join(dir, 'node.db');
let store: Store;
let app: FastifyInstance;

function accord(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--db', db], {
    cwd: join(import.meta.dirname, '..', '..'),
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, ACCORD_PASSWORD: '', ACCORD_PEER_PASSWORD: '', ...options.env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The HTTP status of GET /taxii2/ with this Authorization header, on the running node. */
async function statusWith(authorization: string): Promise<number> {
  const res = await app.inject({ method: 'GET', url: '/taxii2/', headers: { accept: TAXII, authorization } });
  return res.statusCode;
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

beforeAll(async () => {
  expect(accord(['org', 'add', 'uk-ncsc']).code).toBe(0);
  // The node runs with its default 60-second login cache.
  store = await openStore(db);
  app = buildServer({ store });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('passwords never need the command line', { timeout: 120_000 }, () => {
  it('user add takes the password from stdin, from $ACCORD_PASSWORD, or refuses without one', async () => {
    const piped = accord(['user', 'add', 'alice', '--org', 'uk-ncsc', '--password-stdin'], {
      input: 'alice long password\n',
    });
    expect(piped.code).toBe(0);
    expect(await statusWith(basic('alice', 'alice long password'))).toBe(200);
    const env = accord(['user', 'add', 'bob', '--org', 'uk-ncsc'], {
      env: { ACCORD_PASSWORD: 'bob long password' },
    });
    expect(env.code).toBe(0);
    expect(await statusWith(basic('bob', 'bob long password'))).toBe(200);
    const none = accord(['user', 'add', 'carol', '--org', 'uk-ncsc']);
    expect(none.code).toBe(2);
    expect(none.err).toBe(
      'accord: no password given: use --password-stdin, set $ACCORD_PASSWORD, or run at a terminal to be asked\n',
    );
    expect(
      accord(['user', 'add', 'dave', '--org', 'uk-ncsc', '--password-stdin'], { input: 'a\nb\n' }).err,
    ).toMatch(/one line/);
  });

  it('user list --json shows username, org, role and disabled, never a hash', () => {
    const list = accord(['user', 'list', '--json']);
    expect(JSON.parse(list.out)).toEqual([
      { username: 'alice', org: 'uk-ncsc', role: 'editor', disabled: false },
      { username: 'bob', org: 'uk-ncsc', role: 'editor', disabled: false },
    ]);
  });
});

describe('a change made by another process is refused at the next request (401)', {
  timeout: 120_000,
}, () => {
  it('user password: the old password stops working at once, the new one works', async () => {
    expect(await statusWith(basic('alice', 'alice long password'))).toBe(200);
    const changed = accord(['user', 'password', 'alice'], { input: 'alice new password\n' });
    expect(changed.code).toBe(0);
    expect(await statusWith(basic('alice', 'alice long password'))).toBe(401);
    expect(await statusWith(basic('alice', 'alice new password'))).toBe(200);
    expect(accord(['user', 'password', 'alice'], { input: 'short\n' }).code).toBe(1);
    expect(accord(['user', 'password', 'nobody'], { input: 'long enough 123\n' }).code).toBe(1);
  });

  it('user disable refuses password and tokens at once; enable lets the user back', async () => {
    const token = accord(['token', 'add', 'bob']).out.trim();
    expect(await statusWith(`Bearer ${token}`)).toBe(200);
    expect(await statusWith(basic('bob', 'bob long password'))).toBe(200);
    expect(accord(['user', 'disable', 'bob']).code).toBe(0);
    expect(await statusWith(`Bearer ${token}`)).toBe(401);
    expect(await statusWith(basic('bob', 'bob long password'))).toBe(401);
    expect(JSON.parse(accord(['user', 'list', '--json', '--org', 'uk-ncsc']).out)[1]).toMatchObject({
      username: 'bob',
      disabled: true,
    });
    expect(accord(['user', 'enable', 'bob']).code).toBe(0);
    expect(await statusWith(basic('bob', 'bob long password'))).toBe(200);
  });

  it('token add --expires, token list (ids and expiry, never the token), token revoke', async () => {
    const before = Date.now();
    const token = accord(['token', 'add', 'alice', '--expires', '12h']).out.trim();
    expect(token).toMatch(/^accord_([0-9a-f]{16})_[0-9a-f]{64}$/);
    const id = token.split('_')[1]!;
    expect(await statusWith(`Bearer ${token}`)).toBe(200);
    const listed = accord(['token', 'list', 'alice', '--json']);
    expect(listed.out).not.toContain(token.split('_')[2]);
    const entry = (JSON.parse(listed.out) as { id: string; username: string; expires: string }[]).find(
      (t) => t.id === id,
    );
    expect(entry).toMatchObject({ id, username: 'alice' });
    const lifetime = Date.parse(entry!.expires) - before;
    expect(lifetime).toBeGreaterThan(12 * 3600_000 - 60_000);
    expect(lifetime).toBeLessThan(12 * 3600_000 + 60_000);
    // The default lifetime is 90 days.
    const dflt = accord(['token', 'add', 'alice']).out.trim().split('_')[1]!;
    const all = JSON.parse(accord(['token', 'list', '--json']).out) as { id: string; expires: string }[];
    const days = (Date.parse(all.find((t) => t.id === dflt)!.expires) - before) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    expect(accord(['token', 'revoke', id]).code).toBe(0);
    expect(await statusWith(`Bearer ${token}`)).toBe(401);
    expect(accord(['token', 'revoke', id]).code).toBe(1);
    expect(accord(['token', 'add', 'alice', '--expires', 'forever']).code).toBe(1);
    expect(accord(['token', 'add', 'alice', '--expires', '400d']).code).toBe(1);
  });
});
