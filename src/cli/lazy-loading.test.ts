import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'accord-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `accord ARGS` from the sources and returns every module (ES URL or CommonJS path) it loaded. */
function modulesLoadedBy(args: string[]): { status: number | null; modules: string[] } {
  const record = join(dir, `loads-${args.join('-').replace(/[^a-z]+/gi, '-')}.txt`);
  writeFileSync(record, '');
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', './test/support/record-loads.mjs', 'src/cli/main.ts', ...args],
    { cwd: repo, encoding: 'utf8', env: { ...process.env, RECORD_LOADS_FILE: record } },
  );
  return { status: r.status, modules: readFileSync(record, 'utf8').split('\n').filter(Boolean) };
}

const indicator = (pattern: string) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--33fe3b22-0201-47cf-85d0-97c02164528d',
  created: '2014-05-08T09:00:00.000Z',
  modified: '2014-05-08T09:00:00.000Z',
  pattern_type: 'stix',
  pattern,
  valid_from: '2014-05-08T09:00:00.000Z',
});

const heavy =
  /node_modules\/(better-sqlite3|fastify|re2|pg|nats)\/|src\/(server|store\/sqlite|federation|detect)\//;

describe('each command loads only what it uses (issue 14)', () => {
  it('validate of one indicator loads no server, store, federation, detection or native module', () => {
    const file = join(dir, 'one.json');
    writeFileSync(file, JSON.stringify(indicator("[ipv4-addr:value = '198.51.100.1']")));
    const { status, modules } = modulesLoadedBy(['validate', file]);
    expect(status).toBe(0);
    expect(modules.some((m) => m.includes('src/stix/'))).toBe(true);
    expect(modules.filter((m) => heavy.test(m))).toEqual([]);
  });

  it('the recorder sees a native module when one is needed: a MATCHES pattern loads re2', () => {
    const file = join(dir, 'matches.json');
    writeFileSync(file, JSON.stringify(indicator("[file:name MATCHES '^evil\\\\.exe$']")));
    const { status, modules } = modulesLoadedBy(['validate', file]);
    expect(status).toBe(0);
    expect(modules.some((m) => m.includes('node_modules/re2/'))).toBe(true);
  });
});
