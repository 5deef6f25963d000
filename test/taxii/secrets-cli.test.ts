/** Peer passwords at rest, through the CLI: never on the command line, sealed in the database, a clear error without the key. */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'accord-secrets-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const COLLECTION = '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const PASSWORD = 'peer password 9f2c';

function accord(db: string, args: string[], env: Record<string, string> = {}, input = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--db', db], {
    cwd: join(import.meta.dirname, '..', '..'),
    encoding: 'utf8',
    input,
    env: {
      ...process.env,
      ACCORD_SECRET_KEY: '',
      ACCORD_SECRET_KEY_FILE: '',
      ACCORD_PEER_PASSWORD: '',
      ...env,
    },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function node(db: string, env: Record<string, string> = {}) {
  expect(accord(db, ['org', 'add', 'uk-ncsc'], env).code).toBe(0);
  expect(accord(db, ['collection', 'add', '--title', 'Shared', '--id', COLLECTION], env).code).toBe(0);
  const peer = ['peer', 'add', 'uk-ncsc', '--url', 'https://uk.example.org/taxii2/', '--user', 'fr-node'];
  return [...peer, '--remote-collection', COLLECTION, '--collection', COLLECTION];
}

describe('peer passwords at rest', { timeout: 180_000 }, () => {
  it('peer add reads $ACCORD_PEER_PASSWORD; the password is sealed; rotate-key; a missing key is one clear line', () => {
    const db = join(dir, 'a', 'node.db');
    const add = accord(db, node(db), { ACCORD_PEER_PASSWORD: PASSWORD });
    expect(add.code).toBe(0);
    expect(readFileSync(db).toString('latin1')).not.toContain(PASSWORD);
    expect(statSync(`${db}.key`).mode & 0o777).toBe(0o600);
    expect(accord(db, ['peer', 'list']).code).toBe(0);
    const rotated = JSON.parse(accord(db, ['rotate-key', '--json']).out);
    expect(rotated).toMatchObject({ resealed: 1, keyFile: `${db}.key` });
    rmSync(`${db}.key`);
    const keyless = accord(db, ['peer', 'list']);
    expect(keyless.code).toBe(2);
    expect(keyless.err).toBe(
      `accord: the password of peer uk-ncsc is encrypted, but there is no key at ${db}.key: restore the key file (or set $ACCORD_SECRET_KEY_FILE / $ACCORD_SECRET_KEY)\n`,
    );
  });

  it('the key may live elsewhere ($ACCORD_SECRET_KEY_FILE) or come from $ACCORD_SECRET_KEY; --password-stdin', () => {
    const db = join(dir, 'b', 'node.db');
    const keyFile = join(dir, 'elsewhere.key');
    const env = { ACCORD_SECRET_KEY_FILE: keyFile };
    expect(accord(db, [...node(db, env), '--password-stdin'], env, `${PASSWORD}\n`).code).toBe(0);
    expect(existsSync(`${db}.key`)).toBe(false);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(accord(db, ['peer', 'list'], env).code).toBe(0);
    const db2 = join(dir, 'c', 'node.db');
    const env2 = { ACCORD_SECRET_KEY: randomBytes(32).toString('base64') };
    expect(accord(db2, [...node(db2, env2), '--password', PASSWORD], env2).code).toBe(0);
    expect(existsSync(`${db2}.key`)).toBe(false);
    expect(accord(db2, ['peer', 'list'], env2).code).toBe(0);
    expect(
      accord(db2, ['peer', 'list'], { ACCORD_SECRET_KEY: randomBytes(32).toString('base64') }).err,
    ).toMatch(
      /^accord: the password of peer uk-ncsc is encrypted with key [0-9a-f]{16}, but the key at \$ACCORD_SECRET_KEY is /,
    );
  });
});
