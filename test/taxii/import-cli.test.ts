/** CONTRACT.md "Operations": `accord import DIR`, `accord import -`, broken files reported in one line, never a stack trace. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicator } from './support/taxii-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-import-cli-'));
const db = join(dir, 'node.db');
const COLLECTION = '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function accord(args: string[], input = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--db', db], {
    cwd: join(import.meta.dirname, '..', '..'),
    encoding: 'utf8',
    input,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const importing = (...paths: string[]) => [
  'import',
  ...paths,
  '--collection',
  COLLECTION,
  '--as',
  'analyst',
  '--json',
];

beforeAll(() => {
  expect(accord(['org', 'add', 'uk-ncsc']).code).toBe(0);
  expect(
    accord(['user', 'add', 'analyst', '--org', 'uk-ncsc', '--password-stdin'], 'long enough password\n').code,
  ).toBe(0);
  expect(
    accord(['collection', 'add', '--title', 'T', '--id', COLLECTION, '--read', '*', '--write', '*']).code,
  ).toBe(0);
});

describe('accord import', { timeout: 180_000 }, () => {
  it('DIR imports every .json file in it (it used to die on EISDIR with a stack trace)', () => {
    const folder = join(dir, 'feed');
    mkdirSync(folder);
    writeFileSync(join(folder, 'one.json'), JSON.stringify([indicator(), indicator()]));
    writeFileSync(join(folder, 'two.json'), JSON.stringify(indicator()));
    const r = accord(importing(folder));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      new: 3,
      unchanged: 0,
      rejected: 0,
      stored: 3,
      errors: [],
      failed: [],
    });
    expect(JSON.parse(accord(importing(folder)).out)).toMatchObject({ new: 0, unchanged: 3, stored: 0 });
  });

  it('- reads stdin', () => {
    const r = accord(
      importing('-'),
      JSON.stringify({
        type: 'bundle',
        id: 'bundle--6f1e7b0e-9c1a-4a43-9a9d-4a4b0d3c1e11',
        objects: [indicator()],
      }),
    );
    expect(JSON.parse(r.out)).toMatchObject({ new: 1 });
  });

  it('a truncated bundle stores nothing: exit 2, one line saying where it broke, the summary still printed', () => {
    const text = JSON.stringify({
      type: 'bundle',
      id: 'bundle--6f1e7b0e-9c1a-4a43-9a9d-4a4b0d3c1e11',
      objects: [indicator(), indicator()],
    });
    const path = join(dir, 'truncated.json');
    writeFileSync(path, text.slice(0, -40));
    const r = accord(importing(path));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      new RegExp(
        `^accord: ${path}: line 1, column \\d+: the input ends before the JSON document is complete; nothing from this file was stored\\n$`,
      ),
    );
    expect(JSON.parse(r.out)).toMatchObject({ new: 0, stored: 0, failed: [{ file: path, stored: 0 }] });
  });
});
