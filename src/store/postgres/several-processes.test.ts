/**
 * What several processes sharing one PostgreSQL database rely on, with one store (one pool) per
 * simulated process: date_added rising in commit order under concurrent writers (TAXII 2.1
 * section 3.4.1, so an added_after poller misses nothing), one schema creation, one release,
 * generations seen by the others.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asMicros, nowMicros } from '../../stix/index.js';
import { collection, END_OF_TIME, SEE_ALL, sdo, version } from '../conformance/fixtures.js';
import type { Micros, StoredObject } from '../objects.js';
import { PostgresStore } from './index.js';
import {
  createScratchDatabase,
  DROP_TIMEOUT_MS,
  type ScratchDatabase,
  TEST_PG_URL,
  unreachable,
} from './scratch-database.js';

const why = await unreachable();
const suite = why === undefined ? describe : describe.skip;

suite(`PostgreSQL shared by several processes${why === undefined ? '' : ` (skipped: ${TEST_PG_URL}: ${why})`}`, () => {
  let scratch: ScratchDatabase;
  const open: PostgresStore[] = [];
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await scratch?.drop();
    // Dropping a database waits for a checkpoint, which a loaded machine makes slow.
  }, DROP_TIMEOUT_MS);

  /** `n` stores on one new schema, initialised at once (each creates the schema if it can). */
  async function processes(n: number, clocks: (() => Micros)[] = []): Promise<PostgresStore[]> {
    const url = await scratch.schemaUrl();
    const key = { key: randomBytes(32), origin: 'a test key' };
    const stores = Array.from(
      { length: n },
      (_, i) =>
        new PostgresStore({
          url,
          secretKey: key,
          maxConnections: 4,
          ...(clocks[i] ? { clock: clocks[i] } : {}),
        }),
    );
    open.push(...stores);
    await Promise.all(stores.map((s) => s.init()));
    return stores;
  }

  it('two processes creating the schema at once both open it', async () => {
    const [a, b] = await processes(2);
    await a?.addCollection(collection('c'));
    expect((await b?.listCollections())?.map((c) => c.id)).toEqual(['c']);
  });

  it('3.4.1 an added_after poller sees every acknowledged version once, in rising date_added, under concurrent writers with skewed clocks', async () => {
    // Process clocks a second apart: date_added must not follow them, only the commit order.
    const skew = [0, 1_000_000, -1_000_000, 500_000].map((d) => () => asMicros(nowMicros() + d));
    const stores = await processes(4, skew);
    await stores[0]?.addCollection(collection('c'));
    const acknowledged = new Set<number>();
    let writing = true;
    const writers = stores.flatMap((store, w) =>
      [0, 1].map(async (lane) => {
        for (let batch = 0; batch < 15; batch++) {
          const base = 100_000 * (w * 2 + lane + 1) + batch * 100;
          const size = 1 + ((batch * 7 + w) % 9);
          const outcomes = await store.addVersions(
            'c',
            Array.from({ length: size }, (_, i) =>
              version(sdo('indicator', base + i, '2021-01-01T00:00:00.000Z')),
            ),
          );
          for (const o of outcomes) if (o.status === 'stored') acknowledged.add(o.seq);
        }
      }),
    );
    const seen: StoredObject[] = [];
    const poll = async (reader: PostgresStore) => {
      let after = seen[seen.length - 1]?.dateAdded;
      for (;;) {
        const page = await reader.queryObjects(
          {
            collectionId: 'c',
            limit: 7,
            now: END_OF_TIME,
            ...(after === undefined ? {} : { addedAfter: after }),
          },
          SEE_ALL,
        );
        seen.push(...page.items);
        after = seen[seen.length - 1]?.dateAdded;
        if (!page.more) return;
      }
    };
    const pollers = (async () => {
      for (let i = 0; writing; i++) await poll(stores[i % stores.length] as PostgresStore);
    })();
    await Promise.all(writers);
    writing = false;
    await pollers;
    await poll(stores[1] as PostgresStore);
    const seqs = seen.map((r) => r.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(new Set(seqs)).toEqual(acknowledged);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]?.dateAdded).toBeGreaterThan(seen[i - 1]?.dateAdded as number);
    }
  }, 120_000);

  it('a release raced by two processes is written once, at one instant', async () => {
    const [a, b] = await processes(2);
    await a?.addCollection(collection('c'));
    const [stored] =
      (await a?.addVersions('c', [version(sdo('malware', 1, '2021-01-01T00:00:00.000Z'))])) ?? [];
    const at = asMicros(nowMicros() + 10_000_000);
    const seq = stored?.seq as number;
    await Promise.all([
      a?.addReleaseEntry(seq, at),
      b?.addReleaseEntry(seq, at),
      a?.addReleaseEntry(seq, at),
    ]);
    const page = await b?.queryObjects(
      { collectionId: 'c', limit: 10, now: END_OF_TIME, versions: { kind: 'all' } },
      SEE_ALL,
    );
    expect(page?.items.map((r) => [r.entry, r.dateAdded])).toEqual([
      ['added', stored?.dateAdded],
      ['released', at],
    ]);
  });

  it('generations move for every process sharing the database', async () => {
    const [a, b] = await processes(2);
    const policy = await b?.generation('policy');
    await a?.addOrganization({
      id: 'uk-ncsc',
      name: 'NCSC',
      identityId: `identity--${'0'.repeat(8)}-0000-4000-8000-000000000001`,
    });
    expect(await b?.generation('policy')).not.toBe(policy);
    await a?.addUser({ username: 'u', orgId: 'uk-ncsc', role: 'reader', passwordHash: 'x' });
    const accounts = await b?.generation('accounts');
    await a?.setUserDisabled('u', true);
    expect(await b?.generation('accounts')).not.toBe(accounts);
  });
});
