/** The sharing-rule commands as CONTRACT.md writes them, run as the real CLI in a child process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/index.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const ORGS = [
  { id: 'uk-ncsc', name: 'UK NCSC', identityId: 'identity--00000000-0000-4000-8000-0000000000c1' },
  { id: 'cert-fr', name: 'CERT-FR', identityId: 'identity--00000000-0000-4000-8000-0000000000c2' },
];

function accord(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    encoding: 'utf8',
    timeout: 200_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('accord group / embargo / audit', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-policy-cli-'));
    db = join(dir, 'accord.db');
    const store = new SqliteStore({ path: db });
    await store.init();
    for (const o of ORGS) await store.addOrganization(o);
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('group add and embargo add print marking-definition ids; audit --json lists both changes', async () => {
    const group = accord(
      'group',
      'add',
      'allies',
      '--members',
      'uk-ncsc,cert-fr',
      '--name',
      'Allies',
      '--db',
      db,
    );
    expect(group).toMatchObject({ code: 0, stderr: '' });
    const groupId = /marking-definition--[0-9a-f-]{36}/.exec(group.stdout)?.[0];
    const embargo = accord(
      'embargo',
      'add',
      '--release-at',
      '2030-01-01T00:00:00Z',
      '--cosigners',
      'cert-fr',
      '--db',
      db,
    );
    expect(embargo.code).toBe(0);
    const embargoId = /marking-definition--[0-9a-f-]{36}/.exec(embargo.stdout)?.[0];
    const store = new SqliteStore({ path: db });
    await store.init();
    const defs = await store.listMarkingDefinitions();
    await store.close();
    expect([...defs.keys()].sort()).toEqual([groupId, embargoId].sort());
    const audit = accord('audit', '--org', 'cert-fr', '--json', '--db', db);
    expect(audit.code).toBe(0);
    const events = (JSON.parse(audit.stdout) as { events: { action: string; detail: string }[] }).events;
    expect(events.map((e) => e.action)).toEqual(['embargo.add']);
    expect(events[0]!.detail).toContain(embargoId);
  }, 400_000);

  it('audit --object lists who received one object and nothing else', async () => {
    const store = new SqliteStore({ path: db });
    await store.init();
    const at = '2021-07-19T12:00:00.000Z';
    const read = { at, action: 'read', orgId: 'uk-ncsc', objectVersion: at, marking: 'red' };
    await store.appendAudit([
      { ...read, objectId: 'report--aad9c177-cb14-44af-b064-258e271f93a1' },
      { ...read, objectId: 'indicator--0b0cbd4c-a5fb-4d36-9ba5-1f3e1ac4ee6f' },
    ]);
    await store.close();
    const audit = accord(
      'audit',
      '--object',
      'report--aad9c177-cb14-44af-b064-258e271f93a1',
      '--json',
      '--db',
      db,
    );
    expect(audit.code).toBe(0);
    const events = (JSON.parse(audit.stdout) as { events: { objectId: string; orgId: string }[] }).events;
    expect(events.map((e) => [e.orgId, e.objectId])).toEqual([
      ['uk-ncsc', 'report--aad9c177-cb14-44af-b064-258e271f93a1'],
    ]);
  }, 400_000);

  it('exits 1 with one accord: line for an unknown organisation, 2 for bad usage', () => {
    const unknown = accord('group', 'add', 'g', '--members', 'nobody', '--db', db);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    // Exactly one `accord:` line (runtime warnings of Node itself may precede it).
    expect(unknown.stderr.split('\n').filter((l) => l.startsWith('accord:'))).toEqual([
      'accord: no organisation nobody; add it with `accord org add`',
    ]);
    expect(accord('embargo', 'add', '--cosigners', 'cert-fr', '--db', db).code).toBe(2);
  }, 400_000);
});
