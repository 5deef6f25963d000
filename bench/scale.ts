/**
 * bench/scale: the TAXII node on PostgreSQL beside the same node on SQLite and beside raw `pg`
 * statements on the same rows, in the same run (issue 18). BENCH_SCALE scales the collection
 * (1 = 1,000,000 objects; this 2-core machine shared by others takes BENCH_SCALE=0.05 in minutes).
 *   - ingest: TAXII POST, envelopes of 500 (inject, after one untimed login) vs raw pg: one
 *     transaction per 500 rows, one multi-row INSERT (unnest) of a table shaped like the feed,
 *     synchronous commit as the store's
 *   - paging: TAXII GET objects limit=1000 following `next` (inject) vs the raw keyset SELECT of
 *     the same rows, 1000 per page (its table analyzed first, as the store keeps its own
 *     statistics); best of two passes each. Neither side parses the objects: the raw read ends
 *     with the rows' texts as pg hands them over, the TAXII pager with the envelope's bytes
 *     (ADR 0027)
 *   - p50/p99 latency of `match[id]` GETs (inject, so without the loopback's cost)
 * Goals: PostgreSQL ingest ≤ 3× raw pg, paging ≤ 2× raw pg, p99 match[id] < 10 ms.
 * Two processes against one is measured by the multi-process work (issue 18, NATS), not here.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { addCollection, addOrganization, addUser } from '../src/core/index.js';
import { buildServer } from '../src/server/index.js';
import type { Store } from '../src/store/index.js';
import { PostgresStore } from '../src/store/postgres/index.js';
import { createScratchDatabase, TEST_PG_URL, unreachable } from '../src/store/postgres/scratch-database.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { countOf, nextOf } from './lean-http-client.js';
import { idOf, object } from './taxii-objects.js';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const TOTAL = Math.max(1000, Math.round((1_000_000 * SCALE) / 500) * 500);
const ENVELOPE = 500;
const PAGE = 1000;
const LOOKUPS = 500;
const TAXII = 'application/taxii+json;version=2.1';
/** Every bench object has exactly one "pattern" key: the bench counts a page's objects by it. */
const PATTERN_KEY = Buffer.from('"pattern":');

const rate = (n: number, ms: number) => Math.round((n * 1000) / ms);

interface Figures {
  readonly ingest: number;
  readonly paging: number;
  readonly p50: number;
  readonly p99: number;
}

/**
 * GETs through inject and resolves with the status and the body's bytes: inject's default
 * response also decodes the body into one string, a client's work the raw read does not do.
 */
async function injectBytes(
  app: ReturnType<typeof buildServer>,
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: Buffer }> {
  const res = await app.inject({ method: 'GET', url, headers, payloadAsStream: true });
  return { status: res.statusCode, body: Buffer.concat(await res.stream().toArray()) };
}

/** Ingest, paging and match[id] through TAXII (inject) on one store. */
async function taxiiOn(store: Store): Promise<Figures> {
  await addOrganization(store, { id: 'bench' });
  await addUser(store, { username: 'bench', orgId: 'bench', password: 'bench-password' });
  const c = (await addCollection(store, { title: 'big', canRead: ['*'], canWrite: ['*'] })).id;
  const app = buildServer({ store });
  await app.ready();
  const headers = {
    accept: TAXII,
    authorization: `Basic ${Buffer.from('bench:bench-password').toString('base64')}`,
  };
  const base = `/taxii2/api/collections/${c}/objects/`;
  const login = await app.inject({ method: 'GET', url: `/taxii2/api/collections/${c}/`, headers });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode}`);
  try {
    let t = performance.now();
    for (let i = 0; i < TOTAL; i += ENVELOPE) {
      const objects = Array.from({ length: ENVELOPE }, (_, k) => object(i + k));
      const res = await app.inject({
        method: 'POST',
        url: base,
        headers: { ...headers, 'content-type': TAXII },
        payload: JSON.stringify({ objects }),
      });
      if (res.statusCode !== 202 || res.json().success_count !== ENVELOPE)
        throw new Error(`POST failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
    const ingest = rate(TOTAL, performance.now() - t);
    let paging = 0;
    for (let pass = 0; pass < 2; pass++) {
      // Neither side parses the objects (ADR 0027): the raw read ends with the rows' texts as
      // pg hands them over, this pager with the envelope's bytes (`next` from its head), and
      // counts the objects off the clock, as bench/taxii does.
      let ms = 0;
      let n = 0;
      let next: string | undefined;
      do {
        t = performance.now();
        const url = `${base}?limit=${PAGE}${next ? `&next=${encodeURIComponent(next)}` : ''}`;
        const { status, body } = await injectBytes(app, url, headers);
        if (status !== 200) throw new Error(`GET failed: ${status} ${body.subarray(0, 300).toString()}`);
        next = nextOf(body);
        ms += performance.now() - t;
        if (n === 0) JSON.parse(body.toString()); // the first page at least is a well-formed envelope
        n += countOf(body, PATTERN_KEY);
      } while (next !== undefined);
      if (n !== TOTAL) throw new Error(`paged ${n} of ${TOTAL}`);
      paging = Math.max(paging, rate(n, ms));
    }
    const times: number[] = [];
    for (let i = 0; i < LOOKUPS; i++) {
      const id = idOf(Math.floor(Math.random() * TOTAL));
      t = performance.now();
      const res = await app.inject({ method: 'GET', url: `${base}?match[id]=${id}`, headers });
      times.push(performance.now() - t);
      if (res.statusCode !== 200 || !res.body.includes(id))
        throw new Error(`match[id] failed: ${res.statusCode}`);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
    return { ingest, paging, p50: at(0.5), p99: at(0.99) };
  } finally {
    await app.close();
  }
}

/** Raw pg on the same rows: multi-row INSERTs of 500 per transaction, then keyset pages of 1000. */
async function rawPg(url: string): Promise<{ insert: number; read: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE v (seq bigint PRIMARY KEY, collection text NOT NULL, stix_id text NOT NULL,
      type text NOT NULL, version text NOT NULL, spec_version text NOT NULL, date_added bigint NOT NULL, json text NOT NULL);
      CREATE INDEX v_feed ON v (collection, date_added, seq); CREATE UNIQUE INDEX v_id ON v (collection, stix_id, version)`);
    const collection = randomUUID();
    let t = performance.now();
    for (let i = 0; i < TOTAL; i += ENVELOPE) {
      const rows = Array.from({ length: ENVELOPE }, (_, k) => object(i + k));
      await client.query('BEGIN');
      await client.query(
        'INSERT INTO v SELECT u.seq, $1, u.id, u.type, u.version, $2, u.seq, u.json' +
          ' FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u (seq, id, type, version, json)',
        [
          collection,
          '2.1',
          rows.map((_, k) => i + k + 1),
          rows.map((o) => o.id),
          rows.map((o) => o.type),
          rows.map((o) => o.modified),
          rows.map((o) => JSON.stringify(o)),
        ],
      );
      await client.query('COMMIT');
    }
    const insert = rate(TOTAL, performance.now() - t);
    // The store keeps its tables' statistics itself when autovacuum is off (ADR 0026); without
    // them the planner read this table by a bitmap scan and a sort, at a sixth of the rate.
    await client.query('ANALYZE v');
    let read = 0;
    for (let pass = 0; pass < 2; pass++) {
      t = performance.now();
      let n = 0;
      let last = [-1, -1];
      for (;;) {
        const { rows } = await client.query<{ seq: string; date_added: string; json: string }>(
          'SELECT seq, date_added, json FROM v WHERE collection = $1 AND (date_added, seq) > ($2, $3)' +
            ' ORDER BY date_added, seq LIMIT 1000',
          [collection, last[0], last[1]],
        );
        if (rows.length === 0) break;
        n += rows.length;
        const end = rows[rows.length - 1] as { seq: string; date_added: string };
        last = [Number(end.date_added), Number(end.seq)];
      }
      read = Math.max(read, rate(n, performance.now() - t));
    }
    return { insert, read };
  } finally {
    await client.end();
  }
}

function show(label: string, value: number, unit: string, baseline?: number, goal?: string): void {
  const ratio = baseline
    ? `  (raw pg ${baseline.toLocaleString()}; ratio ${(baseline / value).toFixed(2)}×)`
    : '';
  console.log(
    `${label.padEnd(36)} ${value.toLocaleString().padStart(10)} ${unit}${ratio}${goal ? `  goal ${goal}` : ''}`,
  );
}

async function main(): Promise<void> {
  const why = await unreachable();
  if (why !== undefined) {
    console.log(`bench/scale: skipped, no PostgreSQL at ${TEST_PG_URL}: ${why}`);
    return;
  }
  console.log(
    `bench/scale: ${TOTAL.toLocaleString()} objects (BENCH_SCALE=${SCALE}), envelopes of ${ENVELOPE}`,
  );
  const scratch = await createScratchDatabase();
  const dir = join(tmpdir(), `accord-bench-scale-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const key = { key: randomBytes(32), origin: 'a bench key' };
  try {
    const raw = await rawPg(await scratch.schemaUrl());
    const postgres = new PostgresStore({ url: await scratch.schemaUrl(), secretKey: key });
    await postgres.init();
    const onPg = await taxiiOn(postgres).finally(() => postgres.close());
    const sqlite = new SqliteStore({ path: join(dir, 'node.db'), secretKey: key });
    await sqlite.init();
    const onSqlite = await taxiiOn(sqlite).finally(() => sqlite.close());

    show('ingest: TAXII POST on PostgreSQL', onPg.ingest, 'objects/s', raw.insert, '≤ 3×');
    show('ingest: TAXII POST on SQLite', onSqlite.ingest, 'objects/s', raw.insert);
    show('paging: TAXII GET on PostgreSQL', onPg.paging, 'objects/s', raw.read, '≤ 2×');
    show('paging: TAXII GET on SQLite', onSqlite.paging, 'objects/s', raw.read);
    for (const [name, f] of [
      ['PostgreSQL', onPg],
      ['SQLite', onSqlite],
    ] as const) {
      console.log(
        `match[id] on ${name} at ${TOTAL.toLocaleString()} (inject): p50 ${f.p50.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms (goal p99 < 10 ms)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await scratch.drop();
  }
}

await main();
