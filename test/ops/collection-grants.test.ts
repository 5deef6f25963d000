/**
 * CONTRACT.md "Operations": `collection grant|revoke ID [--read ORGS] [--write ORGS]` change who
 * may use a collection for the next request of a running node (TAXII 2.1 section 5.2: a
 * collection a caller may not use is 404); `collection add` without lists says nobody may use it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { TAXII } from '../taxii/support/taxii-fixture.js';
import { accord } from './support/run-accord.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-ops-grants-'));
const db = join(dir, 'node.db');
const COL = '0d5c2a3e-8b0f-4a47-9b1e-2f3c4d5e6f70';
const at = (...args: string[]) => accord([...args, '--db', db]);
let store: Store;
let app: FastifyInstance;

const basic = (user: string) => `Basic ${Buffer.from(`${user}:${user} long password`).toString('base64')}`;

/** The HTTP status of the collection resource for `user` on the running node. */
async function collectionStatus(
  user: string,
): Promise<{ status: number; canRead?: boolean; canWrite?: boolean }> {
  const res = await app.inject({
    method: 'GET',
    url: `/taxii2/api/collections/${COL}/`,
    headers: { accept: TAXII, authorization: basic(user) },
  });
  const body = res.json() as { can_read?: boolean; can_write?: boolean };
  return res.statusCode === 200
    ? { status: 200, canRead: body.can_read ?? false, canWrite: body.can_write ?? false }
    : { status: res.statusCode };
}

beforeAll(async () => {
  for (const args of [
    ['org', 'add', 'uk-ncsc'],
    ['org', 'add', 'cert-fr'],
    ['user', 'add', 'alice', '--org', 'uk-ncsc', '--password', 'alice long password'],
    ['user', 'add', 'bob', '--org', 'cert-fr', '--password', 'bob long password'],
  ])
    expect((await at(...args)).code).toBe(0);
  store = await openStore(db);
  app = buildServer({ store });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('collection grant and revoke', { timeout: 60_000 }, () => {
  it('collection add without --read/--write prints the id and says nobody may use it, and how to grant', async () => {
    const r = await at('collection', 'add', '--title', 'Closed', '--id', COL);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${COL}\n`);
    expect(r.err).toBe(
      `note: no organisation may read or write collection ${COL} yet (readers: -; writers: -); ` +
        `grant access with \`accord collection grant ${COL} --read ORGS --write ORGS\`\n`,
    );
    expect(await collectionStatus('alice')).toEqual({ status: 404 });
    const open = await at('collection', 'add', '--title', 'Open', '--read', '*', '--write', 'uk-ncsc');
    expect([open.code, open.err]).toEqual([0, '']);
  });

  it('grant --read lets an organisation read at the next request; --write lets it write', async () => {
    const r = await at('collection', 'grant', COL, '--read', 'uk-ncsc,cert-fr', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ id: COL, title: 'Closed', read: ['uk-ncsc', 'cert-fr'], write: [] });
    expect(await collectionStatus('alice')).toEqual({ status: 200, canRead: true, canWrite: false });
    expect((await at('collection', 'grant', COL, '--write', 'uk-ncsc')).out).toBe(
      `collection ${COL}: read uk-ncsc,cert-fr; write uk-ncsc\n`,
    );
    expect(await collectionStatus('alice')).toEqual({ status: 200, canRead: true, canWrite: true });
    expect(await collectionStatus('bob')).toEqual({ status: 200, canRead: true, canWrite: false });
  });

  it('revoke takes access away at the next request; a collection neither readable nor writable is 404', async () => {
    expect((await at('collection', 'revoke', COL, '--read', 'cert-fr')).code).toBe(0);
    expect(await collectionStatus('bob')).toEqual({ status: 404 });
    expect(await collectionStatus('alice')).toEqual({ status: 200, canRead: true, canWrite: true });
    expect((await at('collection', 'revoke', COL, '--read', 'uk-ncsc', '--write', 'uk-ncsc')).code).toBe(0);
    expect(await collectionStatus('alice')).toEqual({ status: 404 });
    const list = JSON.parse((await at('collection', 'list', '--json')).out) as {
      id: string;
      read: string[];
    }[];
    expect(list.find((c) => c.id === COL)).toMatchObject({ read: [], write: [] });
  });

  it('* opens a collection to every organisation, and is revoked as a whole', async () => {
    expect((await at('collection', 'grant', COL, '--read', '*')).code).toBe(0);
    expect(await collectionStatus('bob')).toMatchObject({ status: 200, canRead: true });
    const one = await at('collection', 'revoke', COL, '--read', 'cert-fr');
    expect(one).toEqual({
      code: 1,
      out: '',
      err: `accord: every organisation (*) may read collection ${COL}: revoke --read '*' first, then grant the others\n`,
    });
    expect((await at('collection', 'grant', COL, '--read', 'uk-ncsc')).err).toBe(
      `accord: every organisation may already read collection ${COL}\n`,
    );
    expect((await at('collection', 'revoke', COL, '--read', '*')).code).toBe(0);
    expect(await collectionStatus('bob')).toEqual({ status: 404 });
  });

  it('bad input: unknown collection or organisation, duplicates, nothing to revoke, no list (exit 1 or 2)', async () => {
    const missing = '11111111-2222-4333-8444-555555555555';
    expect(await at('collection', 'grant', missing, '--read', 'uk-ncsc')).toEqual({
      code: 1,
      out: '',
      err: `accord: no collection ${missing}; see \`accord collection list\`\n`,
    });
    expect(await at('collection', 'grant', COL, '--read', 'nobody')).toEqual({
      code: 1,
      out: '',
      err: 'accord: no organisation nobody; add it with `accord org add`\n',
    });
    expect((await at('collection', 'grant', COL, '--write', 'uk-ncsc')).code).toBe(0);
    expect(await at('collection', 'grant', COL, '--write', 'uk-ncsc')).toEqual({
      code: 1,
      out: '',
      err: `accord: uk-ncsc may already write collection ${COL}\n`,
    });
    expect(await at('collection', 'revoke', COL, '--read', 'cert-fr')).toEqual({
      code: 1,
      out: '',
      err: `accord: cert-fr may not read collection ${COL}; nothing to revoke\n`,
    });
    const none = await at('collection', 'grant', COL);
    expect([none.code, none.err]).toEqual([
      2,
      'accord: collection grant: give --read ORGS and/or --write ORGS\n',
    ]);
    // A refused change changes nothing, not even the part that was right.
    expect((await at('collection', 'grant', COL, '--read', 'cert-fr', '--write', 'uk-ncsc')).code).toBe(1);
    expect(await collectionStatus('bob')).toEqual({ status: 404 });
  });

  it('every change is in the audit log', async () => {
    const { events } = JSON.parse((await at('audit', '--json')).out) as { events: { action: string }[] };
    const actions = events.map((e) => e.action);
    // Only the changes that succeeded: 4 grants and 3 revokes above.
    expect(actions.filter((a) => a === 'collection.grant')).toHaveLength(4);
    expect(actions.filter((a) => a === 'collection.revoke')).toHaveLength(3);
  });
});
