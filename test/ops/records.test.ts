/**
 * CONTRACT.md "Operations" (issue 20): `org|user|collection|group|peer show` and `org|user|
 * collection remove`. Something still referenced is refused with what refers to it, unless
 * --force (docs/decisions/0018); an unknown id is one `accord: …` line and exit 1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { accord } from './support/run-accord.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-ops-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const COL = '6b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e';
const INDICATOR = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--0d8b3c4a-1f2e-4a5b-9c6d-7e8f9a0b1c2d',
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  pattern: "[ipv4-addr:value = '198.51.100.7']",
  pattern_type: 'stix',
  valid_from: '2026-01-01T00:00:00Z',
};
const bundleFile = join(dir, 'one.json');
writeFileSync(bundleFile, JSON.stringify(INDICATOR));

let db: string;
let n = 0;
const at = (...args: string[]) => accord([...args, '--db', db]);
const ok = async (...args: string[]) => {
  const r = await at(...args);
  expect(r, args.join(' ')).toMatchObject({ code: 0, err: '' });
  return r.out;
};
const json = (s: string) => JSON.parse(s) as Record<string, unknown>;

beforeEach(async () => {
  db = join(dir, `node-${n++}.db`);
  await ok('org', 'add', 'uk-ncsc', '--name', 'UK NCSC');
  await ok('org', 'add', 'cert-fr');
  await ok(
    'user',
    'add',
    'alice',
    '--org',
    'uk-ncsc',
    '--password',
    'alice long password',
    '--role',
    'admin',
  );
  await ok('user', 'add', 'bob', '--org', 'cert-fr', '--password', 'bob long password');
  await ok(
    'collection',
    'add',
    '--title',
    'Shared',
    '--id',
    COL,
    '--read',
    'uk-ncsc,cert-fr',
    '--write',
    'cert-fr',
  );
});

describe('show', () => {
  it('org show --json: the organisation with its users, collections, peers and produced versions', async () => {
    expect(json(await ok('org', 'show', 'cert-fr', '--json'))).toEqual({
      id: 'cert-fr',
      name: 'cert-fr',
      identity: expect.stringMatching(/^identity--/),
      users: ['bob'],
      collections: [COL],
      peers: [],
      versions: 0,
    });
    expect(await ok('org', 'show', 'uk-ncsc')).toMatch(/^id:\s+uk-ncsc\nname:\s+UK NCSC\n/);
  });

  it('user show --json lists tokens by id and expiry, never a secret', async () => {
    const token = (await ok('token', 'add', 'bob', '--expires', '12h')).trim();
    const shown = json(await ok('user', 'show', 'bob', '--json'));
    expect(shown).toMatchObject({ username: 'bob', org: 'cert-fr', role: 'editor', disabled: false });
    const tokens = shown.tokens as { id: string; expires: string }[];
    expect(tokens).toHaveLength(1);
    expect(token.startsWith(`accord_${tokens[0]!.id}_`)).toBe(true);
    expect(JSON.stringify(shown)).not.toContain(token);
  });

  it('collection show --json: access lists, object versions held, peers', async () => {
    await ok('import', bundleFile, '--collection', COL, '--as', 'bob');
    expect(json(await ok('collection', 'show', COL, '--json'))).toEqual({
      id: COL,
      title: 'Shared',
      read: ['uk-ncsc', 'cert-fr'],
      write: ['cert-fr'],
      versions: 1,
      peers: [],
    });
  });

  it('group show finds a group by its short id and by its marking-definition id; a second group add of an id is refused', async () => {
    const id = (
      await ok('group', 'add', 'five', '--members', 'uk-ncsc,cert-fr', '--name', 'Five Eyes')
    ).trim();
    const byShort = json(await ok('group', 'show', 'five', '--json'));
    expect(byShort).toEqual({
      id,
      name: 'Five Eyes',
      members: ['uk-ncsc', 'cert-fr'],
      source: 'node',
      slug: 'five',
    });
    expect(json(await ok('group', 'show', id, '--json'))).toMatchObject({
      id,
      members: ['uk-ncsc', 'cert-fr'],
    });
    const again = await at('group', 'add', 'five', '--members', 'cert-fr');
    expect(again).toEqual({
      code: 1,
      out: '',
      err: `accord: sharing group five already exists (${id}); see \`accord group show five\`\n`,
    });
    expect(JSON.parse((await ok('group', 'list', '--json')) as string)).toHaveLength(1);
  });

  it('peer show --json: one peer as peer list shows it, without its password', async () => {
    await ok(
      'peer',
      'add',
      'cert-fr',
      '--url',
      'https://peer.example.org/taxii2/',
      '--user',
      'uk',
      '--password',
      'peer secret 1',
      '--remote-collection',
      COL,
      '--collection',
      COL,
    );
    const peer = json(await ok('peer', 'show', 'cert-fr', '--json'));
    expect(peer).toMatchObject({
      id: 'cert-fr',
      name: 'cert-fr',
      orgId: 'cert-fr',
      localCollection: COL,
      lastSuccess: null,
    });
    expect(JSON.stringify(peer)).not.toContain('peer secret 1');
    expect(await ok('peer', 'show', 'cert-fr')).toMatch(
      /^name:\s+cert-fr\nurl:\s+https:\/\/peer\.example\.org\/taxii2\/\n/,
    );
  });

  it('an unknown id is one line and exit 1 for every show', async () => {
    for (const [noun, id] of [
      ['org', 'nobody'],
      ['user', 'nobody'],
      ['collection', 'nobody'],
      ['group', 'nobody'],
      ['peer', 'nobody'],
    ] as const) {
      const r = await at(noun, 'show', id);
      expect(r.code, noun).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(
        new RegExp(
          `^accord: no (organisation|user|collection|sharing group|peer named) nobody; see \`accord ${noun} list\`\\n$`,
        ),
      );
    }
  });
});

describe('remove', () => {
  it('token revoke takes the whole token as well as its id, and never echoes the secret', async () => {
    const token = (await ok('token', 'add', 'bob')).trim();
    const id = token.split('_')[1]!;
    expect(await ok('token', 'revoke', token)).toBe(`token ${id} revoked\n`);
    expect(JSON.parse(await ok('token', 'list', '--json'))).toEqual([]);
    expect(await at('token', 'revoke', token)).toEqual({ code: 1, out: '', err: `accord: no token ${id}\n` });
  });

  it('user remove takes its tokens with it and is gone from lists', async () => {
    await ok('token', 'add', 'bob');
    expect(json(await ok('user', 'remove', 'bob', '--json'))).toEqual({ username: 'bob', removed: true });
    expect(JSON.parse(await ok('token', 'list', '--json'))).toEqual([]);
    expect(
      (JSON.parse(await ok('user', 'list', '--json')) as { username: string }[]).map((u) => u.username),
    ).toEqual(['alice']);
    expect(await at('user', 'remove', 'bob')).toEqual({
      code: 1,
      out: '',
      err: 'accord: no user bob; see `accord user list`\n',
    });
  });

  it('org remove is refused while it has users or grants, naming them; --force removes users, tokens and grants', async () => {
    await ok('token', 'add', 'bob');
    const refused = await at('org', 'remove', 'cert-fr');
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `accord: organisation cert-fr still has 1 user (bob) and access to 1 collection (${COL}); remove them first, or use --force to remove its users and their tokens and take it out of every collection's read and write lists\n`,
    );
    expect(json(await ok('org', 'show', 'cert-fr', '--json')).users).toEqual(['bob']);
    expect(json(await ok('org', 'remove', 'cert-fr', '--force', '--json'))).toEqual({
      id: 'cert-fr',
      removed: true,
      users: ['bob'],
      collections: [COL],
    });
    expect(json(await ok('collection', 'show', COL, '--json'))).toMatchObject({
      read: ['uk-ncsc'],
      write: [],
    });
    expect(JSON.parse(await ok('token', 'list', '--json'))).toEqual([]);
    expect((JSON.parse(await ok('org', 'list', '--json')) as { id: string }[]).map((o) => o.id)).toEqual([
      'uk-ncsc',
    ]);
    // The audit log is append-only: it keeps the removal and who went with it.
    expect(await ok('audit', '--json')).toMatch(/"org\.remove"/);
  });

  it('an organisation that produced stored objects, or that a peer names, stays even with --force', async () => {
    await ok('import', bundleFile, '--collection', COL, '--as', 'bob');
    const r = await at('org', 'remove', 'cert-fr', '--force');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^accord: organisation cert-fr produced 1 stored object version, whose provenance names it: it cannot be removed/,
    );
    await ok(
      'peer',
      'add',
      'uk-ncsc',
      '--url',
      'https://peer.example.org/taxii2/',
      '--user',
      'x',
      '--password',
      'peer secret 1',
      '--remote-collection',
      COL,
      '--collection',
      COL,
    );
    expect((await at('org', 'remove', 'uk-ncsc', '--force')).err).toMatch(
      /^accord: organisation uk-ncsc is named by 1 peer \(uk-ncsc\); remove them first/,
    );
    const store = await openStore(db);
    try {
      expect(await store.getOrganization('cert-fr')).toBeDefined();
      expect(await store.getUser('bob')).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it('collection remove is refused while it holds objects; --force removes them; a syncing peer always keeps it', async () => {
    await ok('import', bundleFile, '--collection', COL, '--as', 'bob');
    const refused = await at('collection', 'remove', COL);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(new RegExp(`^accord: collection ${COL} holds 1 object version; use --force`));
    await ok(
      'peer',
      'add',
      'cert-fr',
      '--url',
      'https://peer.example.org/taxii2/',
      '--user',
      'x',
      '--password',
      'peer secret 1',
      '--remote-collection',
      COL,
      '--collection',
      COL,
    );
    expect((await at('collection', 'remove', COL, '--force')).err).toMatch(/is synced by 1 peer \(cert-fr\)/);
    await ok('peer', 'remove', 'cert-fr');
    expect(json(await ok('collection', 'remove', COL, '--force', '--json'))).toEqual({
      id: COL,
      removed: true,
      versions: 1,
    });
    expect(await ok('collection', 'list', '--json')).toBe('[]\n');
    // The organisation that produced the removed objects can go now.
    expect((await at('org', 'remove', 'cert-fr', '--force')).code).toBe(0);
    expect((await at('collection', 'remove', COL)).err).toBe(
      `accord: no collection ${COL}; see \`accord collection list\`\n`,
    );
  });

  it('an empty organisation goes without --force; an unknown one is exit 1', async () => {
    await ok('org', 'add', 'spare');
    expect(await ok('org', 'remove', 'spare')).toBe('organisation spare removed\n');
    expect(await at('org', 'remove', 'spare')).toEqual({
      code: 1,
      out: '',
      err: 'accord: no organisation spare; see `accord org list`\n',
    });
  });
});
