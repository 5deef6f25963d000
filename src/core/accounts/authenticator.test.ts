import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../store/sqlite/index.js';
import { addOrganization } from '../admin/add-organization.js';
import { addUser } from '../admin/add-user.js';
import { Authenticator } from './authenticator.js';
import { newToken } from './bearer-token.js';
import { hashSecret } from './password-hash.js';

const FAST = { N: 1024, r: 8, p: 1 };
const dir = mkdtempSync(join(tmpdir(), 'accord-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let path: string;
let store: SqliteStore;
let n = 0;
beforeEach(async () => {
  path = join(dir, `auth-${n++}.db`);
  store = new SqliteStore({ path });
  await store.init();
  await addOrganization(store, { id: 'uk-ncsc' });
  for (const user of ['alice', 'bob', 'carol']) {
    await addUser(store, { username: user, orgId: 'uk-ncsc', password: `${user}-password` }, FAST);
  }
  return () => store.close();
});

async function status(auth: Authenticator, header: string, ip: string): Promise<string> {
  try {
    return (await auth.authenticate(header, ip)).username;
  } catch (err) {
    return (err as { code: string }).code;
  }
}

describe('login throttling as the security review tried it', () => {
  it('7 bad passwords from other addresses do not lock the real user out', async () => {
    const auth = new Authenticator({ store, cacheMs: 0 });
    expect(await status(auth, basic('alice', 'alice-password'), '192.0.2.1')).toBe('alice');
    for (let i = 0; i < 7; i++) {
      expect(await status(auth, basic('alice', 'guess'), `198.51.100.${i}`)).toBe('CORE_UNAUTHENTICATED');
    }
    expect(await status(auth, basic('alice', 'alice-password'), '192.0.2.1')).toBe('alice');
    // Nor from an address she never used and that never failed.
    expect(await status(auth, basic('alice', 'alice-password'), '203.0.113.5')).toBe('alice');
  });

  it("wrong passwords for one user do not lock the other users of the same address (a partner's proxy) out", async () => {
    const auth = new Authenticator({ store, cacheMs: 0 });
    for (let i = 0; i < 12; i++) await status(auth, basic('alice', 'wrong'), '10.1.1.1');
    expect(await status(auth, basic('alice', 'alice-password'), '10.1.1.1')).toBe('CORE_RATE_LIMITED');
    expect(await status(auth, basic('bob', 'bob-password'), '10.1.1.1')).toBe('bob');
    expect(await status(auth, basic('carol', 'carol-password'), '10.1.1.1')).toBe('carol');
  });
});

describe('cached logins never outlive a change of the account, made by any process', () => {
  it('an old password is refused at once after a password change', async () => {
    const auth = new Authenticator({ store, cacheMs: 60_000 });
    expect(await status(auth, basic('alice', 'alice-password'), '::1')).toBe('alice');
    // Another process (a raw connection to the same file) changes the password.
    const other = new Database(path);
    other
      .prepare('UPDATE users SET password_hash = ? WHERE username = ?')
      .run(await hashSecret('new-password-1', FAST), 'alice');
    other.close();
    expect(await status(auth, basic('alice', 'alice-password'), '::1')).toBe('CORE_UNAUTHENTICATED');
    expect(await status(auth, basic('alice', 'new-password-1'), '::1')).toBe('alice');
  });

  it('a revoked token is refused at once', async () => {
    const auth = new Authenticator({ store, cacheMs: 60_000 });
    const token = newToken();
    await store.addToken({
      tokenId: token.tokenId,
      username: 'bob',
      secretHash: await hashSecret(token.secret, FAST),
      createdAt: new Date().toISOString(),
    });
    expect(await status(auth, `Bearer ${token.token}`, '::1')).toBe('bob');
    const other = new Database(path);
    other.prepare('DELETE FROM tokens WHERE token_id = ?').run(token.tokenId);
    other.close();
    expect(await status(auth, `Bearer ${token.token}`, '::1')).toBe('CORE_UNAUTHENTICATED');
  });

  it('a disabled user is refused at once, with a password or a token, and comes back when enabled', async () => {
    const auth = new Authenticator({ store, cacheMs: 60_000 });
    const token = newToken();
    await store.addToken({
      tokenId: token.tokenId,
      username: 'carol',
      secretHash: await hashSecret(token.secret, FAST),
      createdAt: new Date().toISOString(),
    });
    expect(await status(auth, basic('carol', 'carol-password'), '::1')).toBe('carol');
    expect(await status(auth, `Bearer ${token.token}`, '::1')).toBe('carol');
    const other = new SqliteStore({ path });
    await other.init();
    await other.setUserDisabled('carol', true);
    expect(await status(auth, basic('carol', 'carol-password'), '::1')).toBe('CORE_UNAUTHENTICATED');
    expect(await status(auth, `Bearer ${token.token}`, '::1')).toBe('CORE_UNAUTHENTICATED');
    await other.setUserDisabled('carol', false);
    expect(await status(auth, basic('carol', 'carol-password'), '::1')).toBe('carol');
    await other.close();
  });

  it('an expired token is refused from its expiry on, even when cached', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const auth = new Authenticator({ store, cacheMs: 60_000, now: () => now });
    const token = newToken();
    await store.addToken({
      tokenId: token.tokenId,
      username: 'alice',
      secretHash: await hashSecret(token.secret, FAST),
      createdAt: '2029-12-01T00:00:00.000Z',
      expiresAt: '2030-01-01T00:00:30.000Z',
    });
    expect(await status(auth, `Bearer ${token.token}`, '::1')).toBe('alice');
    now += 29_000;
    expect(await status(auth, `Bearer ${token.token}`, '::1')).toBe('alice');
    now += 1_000;
    expect(await status(auth, `Bearer ${token.token}`, '::1')).toBe('CORE_UNAUTHENTICATED');
  });
});
