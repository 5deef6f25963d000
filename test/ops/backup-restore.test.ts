/**
 * CONTRACT.md "Operations": `accord backup FILE` taken while a node is being written to is one
 * consistent snapshot, and `accord restore FILE --db PATH` makes a node answering the same TAXII
 * pages (TAXII 2.1 section 5.4); restore writes only into an empty database.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { waitFor } from '../support/wait-for.js';
import { TAXII } from '../taxii/support/taxii-fixture.js';
import { accord } from './support/run-accord.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-ops-backup-'));
const db = join(dir, 'node.db');
const COL = '3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d';
const AUTH = `Basic ${Buffer.from('writer:writer long password').toString('base64')}`;
let store: Store;
let app: FastifyInstance;

function indicator(n: number) {
  const t = new Date(Date.UTC(2021, 6, 19) + n * 1000).toISOString();
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`,
    created: t,
    modified: t,
    pattern: `[ipv4-addr:value = '198.51.100.${n % 250}']`,
    pattern_type: 'stix',
    valid_from: t,
  };
}

/** Every page of the collection's objects, limit 7, following `next` (TAXII 2.1 section 3.4). */
async function pages(node: FastifyInstance): Promise<unknown[]> {
  const all: unknown[] = [];
  let next: string | undefined;
  do {
    const query = `limit=7${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`;
    const res = await node.inject({
      method: 'GET',
      url: `/taxii2/api/collections/${COL}/objects/?${query}`,
      headers: { accept: TAXII, authorization: AUTH },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { objects?: unknown[]; more?: boolean; next?: string };
    all.push({
      body,
      first: res.headers['x-taxii-date-added-first'],
      last: res.headers['x-taxii-date-added-last'],
    });
    next = body.more ? body.next : undefined;
  } while (next !== undefined);
  return all;
}

/** Object ids in feed order. */
async function feed(node: FastifyInstance): Promise<string[]> {
  return (await pages(node)).flatMap((p) =>
    ((p as { body: { objects?: { id: string }[] } }).body.objects ?? []).map((o) => o.id),
  );
}

/** Starts a node on a restored database; returns it with its closer. */
async function nodeOn(path: string): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const s = await openStore(path);
  const a = buildServer({ store: s });
  await a.ready();
  return {
    app: a,
    close: async () => {
      await a.close();
      await s.close();
    },
  };
}

beforeAll(async () => {
  for (const args of [
    ['org', 'add', 'uk-ncsc'],
    ['user', 'add', 'writer', '--org', 'uk-ncsc', '--password', 'writer long password'],
    ['collection', 'add', '--title', 'Busy', '--id', COL, '--read', '*', '--write', 'uk-ncsc'],
  ])
    expect((await accord([...args, '--db', db])).code).toBe(0);
  store = await openStore(db);
  app = buildServer({ store });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup under write load, and restore', { timeout: 120_000 }, () => {
  it('a backup taken while objects arrive restores to a node serving a prefix of the same feed; a quiet one the same pages', async () => {
    let written = 0;
    let stop = false;
    const writer = (async () => {
      while (!stop) {
        const res = await app.inject({
          method: 'POST',
          url: `/taxii2/api/collections/${COL}/objects/`,
          headers: { accept: TAXII, 'content-type': TAXII, authorization: AUTH },
          payload: { objects: [indicator(written)] },
        });
        expect(res.statusCode).toBe(202);
        written++;
      }
    })();
    await waitFor(() => written >= 20, { timeout: 30_000 });
    const busy = join(dir, 'busy.db');
    const during = await accord(['backup', busy, '--json', '--db', db]);
    const writtenAtBackup = written;
    await waitFor(() => written >= writtenAtBackup + 10, { timeout: 30_000 });
    stop = true;
    await writer;
    expect(during.code).toBe(0);
    expect(JSON.parse(during.out)).toEqual({ file: busy, bytes: statSync(busy).size });
    expect(statSync(busy).mode & 0o777).toBe(0o600);

    const restoredDb = join(dir, 'restored-busy.db');
    expect((await accord(['restore', busy, '--db', restoredDb])).code).toBe(0);
    const restored = await nodeOn(restoredDb);
    try {
      const original = await feed(app);
      const copy = await feed(restored.app);
      expect(original).toHaveLength(written);
      // One snapshot: every object committed before some instant, none after it, none torn.
      expect(copy.length).toBeGreaterThanOrEqual(20);
      expect(copy.length).toBeLessThan(written);
      expect(copy).toEqual(original.slice(0, copy.length));
    } finally {
      await restored.close();
    }

    const quiet = join(dir, 'quiet.db');
    expect((await accord(['backup', quiet, '--db', db])).out).toMatch(
      /^backup written to .*quiet\.db \(\d+ bytes\)\n$/,
    );
    const sameDb = join(dir, 'restored-quiet.db');
    const r = await accord(['restore', quiet, '--db', sameDb]);
    expect([r.code, r.err]).toEqual([0, '']);
    const same = await nodeOn(sameDb);
    try {
      expect(await pages(same.app)).toEqual(await pages(app));
    } finally {
      await same.close();
    }
  });

  it('restore refuses a database holding data, and nothing changes there', async () => {
    const file = join(dir, 'quiet.db');
    const r = await accord(['restore', file, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^accord: .*node\.db is not empty \(1 organisations, 1 collections, 1 users\); restore into a new database path\n$/,
    );
    expect((await feed(app)).length).toBeGreaterThan(0);
  });

  it('restore writes into an existing empty database', async () => {
    const empty = join(dir, 'empty.db');
    expect((await accord(['org', 'list', '--db', empty])).code).toBe(0);
    expect(existsSync(empty)).toBe(true);
    expect((await accord(['restore', join(dir, 'quiet.db'), '--db', empty])).code).toBe(0);
    expect(JSON.parse((await accord(['org', 'list', '--json', '--db', empty])).out)).toHaveLength(1);
  });

  it('bad input: existing backup file, missing or non-database backup, no --db', async () => {
    const file = join(dir, 'quiet.db');
    expect(await accord(['backup', file, '--db', db])).toEqual({
      code: 1,
      out: '',
      err: `accord: ${file} exists; a backup never overwrites a file\n`,
    });
    const missing = join(dir, 'missing.db');
    expect((await accord(['restore', missing, '--db', join(dir, 'x.db')])).err).toBe(
      `accord: no backup file ${missing}\n`,
    );
    const text = join(dir, 'text.db');
    writeFileSync(text, 'not a database at all, just some text that is long enough to look like a header');
    const notDb = await accord(['restore', text, '--db', join(dir, 'y.db')]);
    expect(notDb.code).toBe(2);
    expect(notDb.err).toMatch(/^accord: .*text\.db is not a SQLite database/);
    expect(existsSync(join(dir, 'y.db'))).toBe(false);
    expect((await accord(['restore', file])).code).toBe(2);
  });
});
