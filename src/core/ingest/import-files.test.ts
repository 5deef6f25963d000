import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../store/sqlite/index.js';
import { addCollection } from '../admin/add-collection.js';
import { addOrganization } from '../admin/add-organization.js';
import { addUser } from '../admin/add-user.js';
import { importFiles } from './import-files.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importFiles', () => {
  it('2.3 rejects an object with a duplicate key (JSON.parse would silently keep the last value)', async () => {
    const store = new SqliteStore({ path: join(dir, 'dup.db') });
    await store.init();
    await addOrganization(store, { id: 'uk-ncsc' });
    await addUser(store, { username: 'analyst', orgId: 'uk-ncsc', password: 'long enough password' });
    const { id } = await addCollection(store, { title: 'T', canRead: ['*'], canWrite: ['*'] });
    const tool = (n: number) =>
      `{"type":"tool","spec_version":"2.1","id":"tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3${n}",` +
      `"created":"2021-07-19T00:00:00.000Z","modified":"2021-07-19T00:00:00.000Z","name":"t${n}"`;
    const file = join(dir, 'dup.json');
    writeFileSync(file, `[${tool(1)}}, ${tool(2)},"name":"other"}]`);
    const summary = await importFiles(store, { files: [file], collectionId: id, username: 'analyst' });
    expect(summary).toMatchObject({ stored: 1, rejected: 1 });
    expect(summary.errors[0]).toMatchObject({
      path: '/1',
      id: 'tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd32',
      message: expect.stringMatching(/^\/1: the key "name" appears twice .*line 1, column \d+.*section 2\.3/),
    });
    await store.close();
  });
});
