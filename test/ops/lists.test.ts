/**
 * CONTRACT.md "Operations": `accord --version` and every `list` as a JSON array of objects with
 * an `id` (users: username, org, role, disabled; collections: id, title, read, write), or a
 * table for people; bad input gives one `accord: …` line and exit 1.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accord } from './support/run-accord.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-ops-lists-'));
const db = join(dir, 'node.db');
const COL = '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const at = (...args: string[]) => accord([...args, '--db', db]);
const json = (s: string) => JSON.parse(s) as Record<string, unknown>[];

beforeAll(async () => {
  for (const args of [
    ['org', 'add', 'uk-ncsc', '--name', 'UK NCSC'],
    ['org', 'add', 'cert-fr'],
    ['user', 'add', 'alice', '--org', 'uk-ncsc', '--password', 'alice long password', '--role', 'admin'],
    ['user', 'add', 'bob', '--org', 'cert-fr', '--password', 'bob long password'],
    ['collection', 'add', '--title', 'Shared', '--id', COL, '--read', '*', '--write', 'uk-ncsc'],
    ['group', 'add', 'five', '--members', 'uk-ncsc,cert-fr', '--name', 'Five'],
    ['embargo', 'add', '--release-at', '2030-01-31T12:00:00Z', '--cosigners', 'cert-fr'],
  ]) {
    const r = await at(...args);
    expect(r, args.join(' ')).toMatchObject({ code: 0, err: '' });
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('accord --version', () => {
  it('prints the version of package.json and exits 0', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(await accord(['--version'])).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  });
});

describe('lists (CONTRACT.md "Operations")', () => {
  it('org list --json: every organisation with id, name and identity', async () => {
    const r = await at('org', 'list', '--json');
    expect(r.code).toBe(0);
    const orgs = json(r.out);
    expect(orgs.map((o) => [o.id, o.name])).toEqual([
      ['cert-fr', 'cert-fr'],
      ['uk-ncsc', 'UK NCSC'],
    ]);
    for (const o of orgs) expect(o.identity).toMatch(/^identity--[0-9a-f-]{36}$/);
  });

  it('collection list --json: id, title, read, write', async () => {
    const r = await at('collection', 'list', '--json');
    expect(json(r.out)).toEqual([{ id: COL, title: 'Shared', read: ['*'], write: ['uk-ncsc'] }]);
  });

  it('group list and embargo list --json name members and co-signers by slug', async () => {
    const groups = json((await at('group', 'list', '--json')).out);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ name: 'Five', members: ['uk-ncsc', 'cert-fr'], source: 'node' });
    expect(groups[0]?.id).toMatch(/^marking-definition--/);
    const embargoes = json((await at('embargo', 'list', '--json')).out);
    expect(embargoes).toEqual([
      {
        id: expect.stringMatching(/^marking-definition--/),
        release_at: '2030-01-31T12:00:00Z',
        cosigners: ['cert-fr'],
        source: 'node',
      },
    ]);
  });

  it('user list --org ID keeps to that organisation; an unknown organisation is exit 1', async () => {
    expect(json((await at('user', 'list', '--org', 'cert-fr', '--json')).out)).toEqual([
      { username: 'bob', org: 'cert-fr', role: 'editor', disabled: false },
    ]);
    expect(await at('user', 'list', '--org', 'nobody')).toEqual({
      code: 1,
      out: '',
      err: 'accord: no organisation nobody\n',
    });
  });

  it('peer list --json is an array (empty without peers)', async () => {
    expect(await at('peer', 'list', '--json')).toEqual({ code: 0, out: '[]\n', err: '' });
  });

  it('without --json a list is a table with a header row, one row per item', async () => {
    const users = (await at('user', 'list')).out.trimEnd().split('\n');
    expect(users[0]).toMatch(/^USERNAME\s+ORG\s+ROLE\s+STATUS$/);
    expect(users.slice(1).map((l) => l.split(/\s+/))).toEqual([
      ['alice', 'uk-ncsc', 'admin', 'active'],
      ['bob', 'cert-fr', 'editor', 'active'],
    ]);
    const cols = (await at('collection', 'list')).out.trimEnd().split('\n');
    expect(cols).toHaveLength(2);
    expect(cols[1]?.split(/\s+/)).toEqual([COL, '*', 'uk-ncsc', 'Shared']);
    expect((await at('peer', 'list')).out).toMatch(/^no peers; add one with `accord peer add/);
  });

  it('a table cell cannot forge a line: control characters in a title are shown as ?', async () => {
    const other = join(dir, 'other.db');
    expect((await accord(['collection', 'add', '--title', 'a\nFAKE row', '--db', other])).code).toBe(0);
    const table = (await accord(['collection', 'list', '--db', other])).out.trimEnd().split('\n');
    expect(table).toHaveLength(2);
    expect(table[1]).toMatch(/a\?FAKE row$/);
  });

  it('an unknown list option is usage (exit 2), not a silent default', async () => {
    const r = await at('org', 'list', '--jsn');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option '--jsn'/);
  });
});
