/**
 * bench/api-search: the JSON API's search on a large node (issue 17: "results in under a second on
 * 1,000,000 objects"). BENCH_SCALE scales the node (1 = 1,000,000 objects; a tenth TLP:RED
 * objects of another organisation, which the reader must not find). Each query is timed
 * through the whole API (inject: auth, policy, summaries, JSON), best and median of 5, against
 * the raw index lookup of the same prefix on the same file in the same run (search_terms joined
 * to versions, LIMIT as the API's first batch).
 *   - a unique value (an IPv4 address), an ATT&CK id, a name word shared by every object
 *     (a full page at once), a prefix no visible object has (every candidate hidden: the API
 *     scans its bounded share and answers an empty page with `next`)
 *   - a bulk lookup of 1,000 values (half known)
 * Goal: each search under 1 s.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { addCollection, addOrganization, addUser } from '../src/core/index.js';
import { buildServer } from '../src/server/index.js';
import { TLP_V2 } from '../src/stix/index.js';
import { openStore } from '../src/store/index.js';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const TOTAL = Math.max(1000, Math.round(1_000_000 * SCALE));
const BATCH = 5000;
const dir = join(tmpdir(), `accord-bench-web-${process.pid}`);
mkdirSync(dir, { recursive: true });

const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** Object i: indicators, every tenth an intrusion set with aliases and an ATT&CK-like id; every tenth TLP:RED. */
function objectOf(i: number): Record<string, unknown> {
  const id = `-0b5e7c1a-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  const common = {
    spec_version: '2.1',
    created: '2021-07-19T12:00:00.000Z',
    modified: '2021-07-19T12:00:00.000Z',
    ...(i % 10 === 3 ? { object_marking_refs: [TLP_V2.red.id] } : {}),
  };
  if (i % 10 === 7)
    return {
      type: 'intrusion-set',
      id: `intrusion-set-${id}`,
      ...common,
      name: `Cluster ${i}`,
      aliases: [`Alias ${i}`, `Group ${i}`],
      external_references: [{ source_name: 'mitre-attack', external_id: `G${i}` }],
    };
  return {
    type: 'indicator',
    id: `indicator-${id}`,
    ...common,
    name: i % 10 === 3 ? `hidden ${i}` : `bench indicator ${i}`,
    pattern: `[ipv4-addr:value = '${ip(i)}']`,
    pattern_type: 'stix',
    valid_from: '2021-07-19T12:00:00Z',
  };
}

function stats(ms: number[]): { best: number; median: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { best: s[0] as number, median: s[Math.floor(s.length / 2)] as number };
}

async function timed(
  fn: () => Promise<unknown> | unknown,
  runs = 5,
): Promise<{ best: number; median: number }> {
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return stats(ms);
}

async function main(): Promise<void> {
  const file = join(dir, 'node.db');
  const store = await openStore(file);
  await addOrganization(store, { id: 'uk' });
  await addOrganization(store, { id: 'fr' });
  await addUser(
    store,
    { username: 'reader', orgId: 'fr', role: 'reader', password: 'bench-password' },
    { N: 1024, r: 8, p: 1 },
  );
  const { id: collection } = await addCollection(store, { title: 'bench', canRead: ['*'], canWrite: ['uk'] });
  const started = performance.now();
  for (let i = 0; i < TOTAL; i += BATCH) {
    const versions = [];
    for (let j = i; j < Math.min(TOTAL, i + BATCH); j++)
      versions.push({ object: objectOf(j), producerOrg: 'uk', origin: 'local' });
    await store.addVersions(collection, versions);
  }
  const loadMs = performance.now() - started;
  console.log(
    `loaded ${TOTAL.toLocaleString()} objects (with their search terms) in ${(loadMs / 1000).toFixed(1)} s`,
  );

  const app = buildServer({ store });
  await app.ready();
  const authorization = `Basic ${Buffer.from('reader:bench-password').toString('base64')}`;
  const search = (q: string) =>
    app.inject({
      method: 'GET',
      url: `/api/search?q=${encodeURIComponent(q)}&limit=20`,
      headers: { authorization },
    });
  await search('warm-up');
  const raw = new Database(file, { readonly: true });
  const rawLookup = raw.prepare(
    'SELECT t.term, v.stix_id, v.collection, t.field FROM search_terms AS t JOIN versions AS v ON v.seq = t.seq' +
      ' WHERE t.term >= ? AND t.term < ? ORDER BY t.term, t.seq, t.field LIMIT 200',
  );
  const unique = Math.floor(TOTAL / 2) + 1;
  const cases: [string, string][] = [
    ['unique value (IPv4)', ip(unique)],
    ['ATT&CK-like id', `g${Math.floor(TOTAL / 3 / 10) * 10 + 7}`],
    ['word of every name', 'bench'],
    ['only hidden objects match', 'hidden'],
  ];
  for (const [label, q] of cases) {
    const res = await search(q);
    const body = res.json() as { results: unknown[]; next: string | null };
    const api = await timed(() => search(q));
    const base = await timed(() => rawLookup.all(q.toLowerCase(), `${q.toLowerCase()}\u{10FFFF}`));
    console.log(
      `${`search: ${label}`.padEnd(40)} ${api.median.toFixed(1).padStart(8)} ms median (best ${api.best.toFixed(1)})` +
        `  raw index ${base.median.toFixed(2)} ms; ratio ${(api.median / base.median).toFixed(1)}×` +
        `  [${body.results.length} results, next ${body.next === null ? 'null' : 'set'}]  goal < 1000 ms`,
    );
  }
  const values = Array.from({ length: 1000 }, (_, k) =>
    k % 2 === 0 ? ip(k * 7 + 1) : `absent-${k}.example`,
  );
  const bulk = await timed(() =>
    app.inject({
      method: 'POST',
      url: '/api/search/values',
      headers: { authorization, 'content-type': 'application/json' },
      payload: JSON.stringify({ values }),
    }),
  );
  const rawExact = raw.prepare(
    'SELECT t.term, v.stix_id FROM search_terms AS t JOIN versions AS v ON v.seq = t.seq WHERE t.term = ? LIMIT 10',
  );
  const bulkRaw = await timed(() => {
    for (const v of values) rawExact.all(v);
  });
  console.log(
    `${'bulk lookup of 1,000 values'.padEnd(40)} ${bulk.median.toFixed(1).padStart(8)} ms median (best ${bulk.best.toFixed(1)})` +
      `  raw index ${bulkRaw.median.toFixed(2)} ms; ratio ${(bulk.median / bulkRaw.median).toFixed(1)}×`,
  );
  raw.close();
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
