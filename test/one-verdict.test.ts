/**
 * `accord validate` and `accord import` give one verdict: for every STIX file of the real public
 * data (../shared/data beside the repository, and the copies under test/fixtures/stix), the
 * objects validate finds valid are exactly the objects import stores, and the invalid ones are
 * exactly the ones it rejects.
 */
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addCollection,
  addOrganization,
  addUser,
  importFiles,
  validateStixStream,
} from '../src/core/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';

const repo = fileURLToPath(new URL('../', import.meta.url));
const roots = [join(repo, '../shared/data'), join(repo, 'test/fixtures/stix')].filter((d) => existsSync(d));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(json|stix2)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** The top-level shape of a STIX file: a bundle, an array of objects, or one object with a type. */
function stixShape(file: string): 'bundle' | 'array' | 'object' | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (Array.isArray(value)) return value.every((v) => typeof v?.type === 'string') ? 'array' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const type = (value as { type?: unknown }).type;
  if (type === 'bundle') return 'bundle';
  return typeof type === 'string' && typeof (value as { id?: unknown }).id === 'string'
    ? 'object'
    : undefined;
}

const stixFiles: { file: string; shape: 'bundle' | 'array' | 'object' }[] = roots
  .flatMap(files)
  .flatMap((f) => {
    const shape = stixShape(f);
    return shape ? [{ file: f, shape }] : [];
  });
const dir = mkdtempSync(join(tmpdir(), 'accord-one-verdict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A bundle whose objects fail the rules that differed between the paths before: the full
// pattern check, a 2.0 bundle's objects, document-level warnings that must not reject.
const ts = '2021-07-19T00:00:00.000Z';
const indicator = (n: number, pattern: string) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3${n}`,
  created: ts,
  modified: ts,
  pattern,
  pattern_type: 'stix',
  valid_from: ts,
});
const crafted = join(dir, 'crafted.json');
writeFileSync(
  crafted,
  JSON.stringify({
    type: 'bundle',
    id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
    x_source: 'crafted',
    objects: [
      indicator(1, "[ipv4-addr:value = '198.51.100.1']"),
      indicator(2, "[ipv4-addr:value = '198.51.100.1' AND ipv6-addr:value = '::1']"),
      indicator(3, "[x-y:v = t'2024-02-30T00:00:00Z']"),
      { ...indicator(4, "[ipv4-addr:value = '198.51.100.1']"), created: 'yesterday' },
      { type: 'ipv4-addr', id: 'ipv4-addr--4d22aae0-2bf9-5427-8819-e4f6abf20a53', value: '198.51.100.1/24' },
      indicator(1, "[ipv4-addr:value = '198.51.100.1']"),
    ],
  }),
);
stixFiles.push({ file: crafted, shape: 'bundle' });

describe('validate and import give one verdict on the real public data', () => {
  it('finds the STIX files of the public data (bundles of OASIS, MITRE, Unit 42, Amnesty, ...)', () => {
    expect(stixFiles.length).toBeGreaterThanOrEqual(20);
  });

  it('the ids validate accepts are the ids import stores, file by file', async () => {
    const store = new SqliteStore({ path: join(dir, 'verdict.db') });
    await store.init();
    await addOrganization(store, { id: 'uk-ncsc' });
    await addUser(store, { username: 'analyst', orgId: 'uk-ncsc', password: 'long enough password' });
    let compared = 0;
    for (const [n, { file, shape }] of stixFiles.entries()) {
      const results = [];
      for await (const batch of validateStixStream(createReadStream(file))) results.push(...batch);
      // A bundle's own result comes first (and again at the end if late properties add issues).
      const objects = shape === 'bundle' ? results.filter((r) => !r.id?.startsWith('bundle--')) : results;
      const valid = objects.filter((r) => r.valid).map((r) => r.id);
      const invalid = objects.filter((r) => !r.valid).map((r) => r.id);

      const { id } = await addCollection(store, { title: `file ${n}`, canRead: ['*'], canWrite: ['*'] });
      const summary = await importFiles(store, { files: [file], collectionId: id, username: 'analyst' });
      const rejected = summary.errors.map((e) => e.id ?? null);
      const where = file.startsWith(repo) ? file.slice(repo.length) : file;
      if (file === crafted) expect([valid.length, invalid.length]).toEqual([2, 4]);
      // A valid object is stored, or already there (the same object twice in one file).
      expect(summary.new + summary.unchanged, `${where}: stored = valid`).toBe(valid.length);
      expect(rejected.sort(), `${where}: rejected = invalid`).toEqual(invalid.map((i) => i ?? null).sort());
      compared += objects.length;
    }
    expect(compared).toBeGreaterThan(2000);
    await store.close();
  }, 120_000);
});
