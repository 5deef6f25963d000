/**
 * Issue 20, packaging: the package's exports (root and `accord/stix`, `accord/pattern`,
 * `accord/taxii`, each with its types) load from the built dist/ without any native module or
 * server code; source maps carry their sources, so they resolve where src/ is not installed;
 * LICENSE holds the Apache-2.0 text package.json names. dist/ is built when missing (CI's
 * `npm ci` builds it through `prepare`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  license: string;
  exports: Record<string, string | { types: string; default: string }>;
  files: string[];
};
const dir = mkdtempSync(join(tmpdir(), 'accord-packaging-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  if (!existsSync(join(repo, 'dist', 'index.js')))
    execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'ignore' });
}, 300_000);

/** Runs an ES module script in the package's folder (so `accord/…` resolves to the package itself); returns what it printed and every module it loaded. */
function runLoading(script: string): { out: string; modules: string[] } {
  const record = join(dir, `loads-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(record, '');
  const r = spawnSync(
    process.execPath,
    ['--import', './test/support/record-loads.mjs', '--input-type=module', '-e', script],
    {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, RECORD_LOADS_FILE: record },
    },
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return { out: r.stdout, modules: readFileSync(record, 'utf8').split('\n').filter(Boolean) };
}

/** A STIX 2.1 observation of one IPv4 address, as a script's source text. */
const OBSERVATION = JSON.stringify([
  {
    type: 'observed-data',
    id: 'observed-data--6a0f3e0c-6e0e-4c2c-9b0a-1d2e3f4a5b6c',
    first_observed: '2026-01-01T00:00:00Z',
    last_observed: '2026-01-01T00:00:00Z',
    number_observed: 1,
    object_refs: ['ipv4-addr--7b1a4f1d-7f1f-4d3d-8c1b-2e3f4a5b6c7d'],
  },
  { type: 'ipv4-addr', id: 'ipv4-addr--7b1a4f1d-7f1f-4d3d-8c1b-2e3f4a5b6c7d', value: '198.51.100.1' },
]);

const native = /node_modules\/(better-sqlite3|re2|fastify|pg|nats|pino)\//;
const server = /dist\/(server|store|core|federation|cli|detect|intel|interop|policy)\//;

describe('exports', { timeout: 60_000 }, () => {
  it('every subpath has a types condition and both of its files exist in dist/', () => {
    expect(Object.keys(pkg.exports).sort()).toEqual([
      '.',
      './package.json',
      './pattern',
      './stix',
      './taxii',
    ]);
    for (const [path, target] of Object.entries(pkg.exports)) {
      if (path === './package.json') continue;
      expect(typeof target, path).toBe('object');
      const { types, default: js } = target as { types: string; default: string };
      expect(Object.keys(target as object)[0], `${path}: types first, as TypeScript requires`).toBe('types');
      expect(existsSync(join(repo, types)), types).toBe(true);
      expect(existsSync(join(repo, js)), js).toBe(true);
    }
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'LICENSE', 'README.md']));
  });

  it('accord/stix validates an object and loads no native module, store or server code', () => {
    const { out, modules } = runLoading(
      "const { validateDocument } = await import('accord/stix'); console.log(typeof validateDocument);",
    );
    expect(out).toBe('function\n');
    expect(modules.some((m) => m.includes('/dist/stix/'))).toBe(true);
    expect(modules.filter((m) => native.test(m) || server.test(m))).toEqual([]);
  });

  it('accord/pattern evaluates a pattern without loading re2; a MATCHES pattern loads it then', () => {
    const plain = runLoading(
      "const { evaluatePattern } = await import('accord/pattern');" +
        `console.log(evaluatePattern("[ipv4-addr:value = '198.51.100.1']", ${OBSERVATION}));`,
    );
    expect(plain.out).toBe('true\n');
    expect(plain.modules.filter((m) => native.test(m) || server.test(m))).toEqual([]);
    const matches = runLoading(
      "const { evaluatePattern } = await import('accord/pattern');" +
        `console.log(evaluatePattern("[ipv4-addr:value MATCHES '^198']", ${OBSERVATION}));`,
    );
    expect(matches.out).toBe('true\n');
    expect(matches.modules.some((m) => m.includes('node_modules/re2/'))).toBe(true);
  });

  it('the root export and accord/taxii load no native module or server code', () => {
    const { out, modules } = runLoading(
      "const root = await import('accord'); const { TaxiiClient } = await import('accord/taxii');" +
        'console.log(Object.keys(root).sort().join(), typeof TaxiiClient);',
    );
    expect(out).toBe('pattern,stix,taxii function\n');
    expect(modules.filter((m) => native.test(m) || server.test(m))).toEqual([]);
  });
});

describe('source maps resolve without src/', () => {
  it.each(['dist/stix/index.js.map', 'dist/pattern/parser.js.map', 'dist/cli/main.js.map'])(
    '%s carries its sources',
    (map) => {
      const m = JSON.parse(readFileSync(join(repo, map), 'utf8')) as {
        sources: string[];
        sourcesContent?: (string | null)[];
      };
      expect(m.sources.length).toBeGreaterThan(0);
      expect(m.sourcesContent).toHaveLength(m.sources.length);
      for (const content of m.sourcesContent ?? []) expect(typeof content).toBe('string');
      const js = readFileSync(join(repo, map.replace(/\.map$/, '')), 'utf8');
      expect(js).toMatch(/\/\/# sourceMappingURL=\S+\.js\.map\s*$/);
    },
  );
});

describe('LICENSE', () => {
  it('is the Apache License 2.0 that package.json names', () => {
    expect(pkg.license).toBe('Apache-2.0');
    const text = readFileSync(join(repo, 'LICENSE'), 'utf8');
    expect(text).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });
});
