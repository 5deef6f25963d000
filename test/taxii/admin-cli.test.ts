/** CONTRACT.md "Node administration": org, user, token, collection and import, run as the CLI. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indicator } from './support/taxii-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-admin-'));
const db = join(dir, 'admin.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function accord(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--db', db], {
    cwd: join(import.meta.dirname, '..', '..'),
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('node administration commands', () => {
  it('org, user, collection, token, import work together and print what they create', () => {
    const org = accord('org', 'add', 'uk-ncsc', '--name', 'UK NCSC');
    expect(org.code).toBe(0);
    expect(org.out.trim()).toMatch(/^identity--[0-9a-f-]{36}$/);
    const reuse = 'identity--0b0c0d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';
    expect(accord('org', 'add', 'fr-anssi', '--identity', reuse).out.trim()).toBe(reuse);
    expect(
      accord('user', 'add', 'analyst', '--org', 'uk-ncsc', '--password', 'correct horse battery').code,
    ).toBe(0);
    const id = '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
    const col = accord(
      'collection',
      'add',
      '--title',
      'Shared',
      '--id',
      id,
      '--read',
      '*',
      '--write',
      'uk-ncsc',
    );
    expect(col.out.trim()).toBe(id);
    expect(accord('token', 'add', 'analyst').out.trim()).toMatch(/^accord_[0-9a-f]{16}_[0-9a-f]{64}$/);

    const good = indicator();
    const { created: _c, ...bad } = indicator();
    const file = join(dir, 'bundle.json');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'bundle',
        id: 'bundle--6f1e7b0e-9c1a-4a43-9a9d-4a4b0d3c1e11',
        objects: [good, bad],
      }),
    );
    const imp = accord('import', file, '--collection', id, '--as', 'analyst', '--json');
    expect(imp.code).toBe(1);
    const summary = JSON.parse(imp.out);
    expect(summary).toMatchObject({ stored: 1, rejected: 1 });
    expect(summary.errors[0]).toMatchObject({ id: bad.id, message: expect.stringMatching(/created/) });
  }, 180_000);

  it('mistakes exit with one `accord:` line and a non-zero status', () => {
    const dup = accord('org', 'add', 'uk-ncsc');
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/^accord: .*already exists\n$/);
    const noOrg = accord('user', 'add', 'x', '--org', 'nowhere', '--password', 'long enough');
    expect(noOrg.code).toBe(1);
    const badId = accord('collection', 'add', '--title', 'T', '--id', 'not-a-uuid');
    expect(badId.code).toBe(1);
    const missing = accord(
      'import',
      join(dir, 'missing.json'),
      '--collection',
      '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
      '--as',
      'analyst',
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^accord: /);
    expect(missing.err).not.toMatch(/\n\s+at /);
  }, 180_000);

  it('import takes real bundles: STIX 2.0 (Unit 42, objects without spec_version) and 2.1 (OASIS)', () => {
    const fixtures = join(import.meta.dirname, '..', 'fixtures', 'stix');
    const imp = accord(
      'import',
      join(fixtures, 'unit42', 'hermeticwiper.json'),
      join(fixtures, 'oasis-examples', 'cti-documentation', 'apt1.json'),
      '--collection',
      '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
      '--as',
      'analyst',
      '--json',
    );
    expect(imp.err).toBe('');
    expect(JSON.parse(imp.out)).toMatchObject({ rejected: 0 });
    expect(JSON.parse(imp.out).stored).toBeGreaterThan(141);
  }, 180_000);
});
