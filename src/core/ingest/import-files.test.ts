import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { asMicros } from '../../stix/index.js';
import { SqliteStore } from '../../store/sqlite/index.js';
import { addCollection } from '../admin/add-collection.js';
import { addOrganization } from '../admin/add-organization.js';
import { addUser } from '../admin/add-user.js';
import { type ImportInput, importFiles } from './import-files.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const tool = (k: number, extra = '') =>
  `{"type":"tool","spec_version":"2.1","id":"tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3c${String(k).padStart(3, '0')}",` +
  `"created":"2021-07-19T00:00:00.000Z","modified":"2021-07-19T00:00:00.000Z","name":"t${k}"${extra}}`;
const bundle = (from: number, count: number) =>
  `{"type":"bundle","id":"bundle--6f1e7b0e-9c1a-4a43-9a9d-4a4b0d3c1e11","objects":[\n${Array.from(
    { length: count },
    (_, i) => tool(from + i),
  ).join(',\n')}\n]}`;

let store: SqliteStore;
let collectionId: string;
beforeEach(async () => {
  store = new SqliteStore({ path: join(dir, `n${n++}.db`) });
  await store.init();
  await addOrganization(store, { id: 'uk-ncsc' });
  await addUser(
    store,
    { username: 'analyst', orgId: 'uk-ncsc', password: 'long enough password' },
    { N: 1024, r: 8, p: 1 },
  );
  collectionId = (await addCollection(store, { title: 'T', canRead: ['*'], canWrite: ['*'] })).id;
  return () => store.close();
});

function file(name: string, content: string | Buffer): string {
  const path = join(dir, `${n}-${name}`);
  writeFileSync(path, content);
  return path;
}

const run = (files: string[], extra: Partial<ImportInput> = {}) =>
  importFiles(store, { files, collectionId, username: 'analyst', ...extra });

async function storedCount(): Promise<number> {
  const page = await store.queryObjects(
    { collectionId, limit: 10_000, now: asMicros(Number.MAX_SAFE_INTEGER) },
    (r) => r,
  );
  return page.items.length;
}

describe('importFiles', () => {
  it('2.3 rejects an object with a duplicate key (JSON.parse would silently keep the last value)', async () => {
    const path = file('dup.json', `[${tool(1).slice(0, -1)}}, ${tool(2).slice(0, -1)},"name":"other"}]`);
    const summary = await run([path]);
    expect(summary).toMatchObject({ new: 1, stored: 1, rejected: 1 });
    expect(summary.errors[0]).toMatchObject({
      path: '/1',
      id: 'tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3c002',
      message: expect.stringMatching(/^\/1: the key "name" appears twice .*line 1, column \d+.*section 2\.3/),
    });
  });

  it('a truncated bundle stores nothing and says where it broke; the other files are imported', async () => {
    const whole = bundle(1, 50);
    const truncated = file('truncated.json', whole.slice(0, whole.length - 300));
    const good = file('good.json', bundle(100, 3));
    const summary = await run([truncated, good]);
    expect(summary).toMatchObject({ new: 3, unchanged: 0, rejected: 0, stored: 3 });
    expect(summary.failed).toEqual([
      {
        file: truncated,
        message: expect.stringMatching(
          /^line \d+, column \d+: the input ends before the JSON document is complete; nothing from this file was stored$/,
        ),
        stored: 0,
      },
    ]);
    expect(await storedCount()).toBe(3);
  });

  it('a file larger than what is held in memory is checked whole first, then read again to store it', async () => {
    const whole = bundle(1, 40);
    const broken = file('big-broken.json', `${whole.slice(0, -2)},{"type":]}`);
    expect((await run([broken], { holdBytes: 200 })).failed).toHaveLength(1);
    expect(await storedCount()).toBe(0);
    const summary = await run([file('big.json', whole)], { holdBytes: 200, batchSize: 7 });
    expect(summary).toMatchObject({ new: 40, rejected: 0, failed: [] });
  });

  it('importing the same file again: 0 new, N unchanged', async () => {
    const path = file('again.json', bundle(1, 5));
    expect(await run([path])).toMatchObject({ new: 5, unchanged: 0, stored: 5 });
    expect(await run([path])).toMatchObject({ new: 0, unchanged: 5, stored: 0, rejected: 0 });
  });

  it('a directory: every .json file in it, by name; nothing else; an empty one is a failure', async () => {
    const folder = join(dir, `folder-${n}`);
    mkdirSync(join(folder, 'nested'), { recursive: true });
    writeFileSync(join(folder, 'b.json'), bundle(10, 2));
    writeFileSync(join(folder, 'a.JSON'), bundle(20, 1));
    writeFileSync(join(folder, 'notes.txt'), 'not json');
    writeFileSync(join(folder, 'nested', 'c.json'), bundle(30, 4));
    expect(await run([folder])).toMatchObject({ new: 3, failed: [] });
    const empty = join(dir, `empty-${n}`);
    mkdirSync(empty);
    expect((await run([empty])).failed).toEqual([
      { file: empty, message: 'the directory holds no .json file', stored: 0 },
    ]);
  });

  it('- reads stdin; a missing file is a failure in words', async () => {
    const summary = await run(['-', join(dir, 'missing.json')], {
      stdin: Readable.from([Buffer.from(bundle(40, 2))]),
    });
    expect(summary).toMatchObject({ new: 2 });
    expect(summary.failed).toEqual([
      { file: join(dir, 'missing.json'), message: 'cannot read it: no such file or directory', stored: 0 },
    ]);
  });

  it('bytes that are not UTF-8 make the file fail whole, naming the byte', async () => {
    const text = bundle(1, 3);
    const at = text.indexOf('"t2"') + 2;
    const bad = Buffer.concat([
      Buffer.from(text.slice(0, at)),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from(text.slice(at)),
    ]);
    const summary = await run([file('cesu.json', bad)]);
    expect(summary.failed[0]?.message).toMatch(
      new RegExp(
        `^line 3, column \\d+ \\(byte ${at}\\): invalid UTF-8: an encoded UTF-16 surrogate .*nothing from this file was stored$`,
      ),
    );
    expect(await storedCount()).toBe(0);
  });

  it('an object past the depth limit is rejected on its own; the others are stored', async () => {
    const deep = `${'['.repeat(150)}${']'.repeat(150)}`;
    const path = file('deep.json', `[${tool(1)},${tool(2, `,"x_deep":${deep}`)},${tool(3)}]`);
    const summary = await run([path]);
    expect(summary).toMatchObject({ new: 2, rejected: 1, failed: [] });
    expect(summary.errors[0]).toMatchObject({
      path: '/1',
      message: expect.stringMatching(/nesting deeper than 100/),
    });
  });
});
