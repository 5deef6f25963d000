/**
 * bench/scale-processes: two `accord serve` processes on one database against one process, in
 * the same run (issue 18): the same concurrent HTTP clients, spread over the processes as a
 * round-robin load balancer would, each configuration on a fresh database of its own.
 *   - ingest: CLIENTS concurrent clients POSTing envelopes of 500 objects until TOTAL are stored
 *   - paging: CLIENTS concurrent clients each paging the whole collection (limit 1000, `next`),
 *     switching process on every page
 * on a SQLite file, and on PostgreSQL when it answers ($ACCORD_TEST_PG). One and two alternate,
 * PASSES times, the best of each counting (the machine is shared). BENCH_SCALE scales the
 * collection (1 = 1,000,000 objects). The processes are joined by NATS ($ACCORD_TEST_NATS).
 * Goal: two processes no slower than one on this 2-core machine (ratio ≥ 0.8×).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from 'nats';
import { addCollection, addOrganization, addUser } from '../src/core/index.js';
import { openStore } from '../src/store/index.js';
import { createScratchDatabase, unreachable } from '../src/store/postgres/scratch-database.js';
import { object } from './taxii-objects.js';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const ENVELOPE = 500;
const TOTAL = Math.max(2 * ENVELOPE, Math.round((1_000_000 * SCALE) / ENVELOPE) * ENVELOPE);
const CLIENTS = 4;
const PASSES = Number(process.env.BENCH_PASSES ?? '2');
const PAGE = 1000;
const NATS = process.env.ACCORD_TEST_NATS ?? 'nats://127.0.0.1:4222';
const MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const TAXII = 'application/taxii+json;version=2.1';
const COLLECTION = '2c4e6a8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d';
const KEY = randomBytes(32);
const AUTH = `Basic ${Buffer.from('bench:bench-password-1').toString('base64')}`;
const dir = join(tmpdir(), `accord-bench-processes-${process.pid}`);
mkdirSync(dir, { recursive: true });
/** The NATS streams the runs made, deleted at the end. */
const streams: string[] = [];

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** Starts `accord serve` on `db`; resolves with its URL once it listens. */
async function serve(db: string, natsName: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, 'serve', '--port', String(port), '--db', db, '--nats', NATS],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, ACCORD_SECRET_KEY: KEY.toString('base64'), ACCORD_NATS_NAME: natsName },
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('accord listening on')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`accord serve exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/taxii2/api/collections/${COLLECTION}`, child };
}

async function request(url: string, body?: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { accept: TAXII, authorization: AUTH, ...(body === undefined ? {} : { 'content-type': TAXII }) },
    ...(body === undefined ? {} : { body }),
  });
  if (res.status >= 300) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Objects per second of ingest and of paging with `n` processes on the database `db`. */
async function measure(db: string, n: 1 | 2): Promise<{ ingest: number; paging: number }> {
  const store = await openStore(db, { secretKey: { key: KEY, origin: 'bench' } });
  await addOrganization(store, { id: 'bench' });
  await addUser(
    store,
    { username: 'bench', orgId: 'bench', password: 'bench-password-1' },
    { N: 1024, r: 8, p: 1 },
  );
  await addCollection(store, { id: COLLECTION, title: 'bench', canRead: ['*'], canWrite: ['*'] });
  await store.close();
  const natsName = `b${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  streams.push(`${natsName.toUpperCase()}_CHANGES`, `${natsName.toUpperCase()}_WORK`);
  const procs = await Promise.all(Array.from({ length: n }, () => serve(db, natsName)));
  try {
    // Untimed: one login and one small read per process (scrypt, JIT, the first statements).
    for (const p of procs) await request(`${p.url}/objects/?limit=1`);
    let next = 0;
    const envelopes = TOTAL / ENVELOPE;
    let started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let e = next++; e < envelopes; e = next++) {
          const objects = Array.from({ length: ENVELOPE }, (_, i) => object(e * ENVELOPE + i));
          const status = await request(`${procs[e % n]?.url}/objects/`, JSON.stringify({ objects }));
          if (status.success_count !== ENVELOPE) throw new Error(`envelope ${e}: ${JSON.stringify(status)}`);
        }
      }),
    );
    const ingest = (TOTAL * 1000) / (performance.now() - started);
    started = performance.now();
    const read = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        let count = 0;
        let cursor: string | undefined;
        for (let page = c; ; page++) {
          const query = `limit=${PAGE}${cursor === undefined ? '' : `&next=${encodeURIComponent(cursor)}`}`;
          const body = await request(`${procs[page % n]?.url}/objects/?${query}`);
          count += (body.objects as unknown[] | undefined)?.length ?? 0;
          if (body.more !== true) return count;
          cursor = String(body.next);
        }
      }),
    );
    if (read.some((c) => c !== TOTAL)) throw new Error(`paging read ${read} of ${TOTAL}`);
    const paging = (CLIENTS * TOTAL * 1000) / (performance.now() - started);
    return { ingest: Math.round(ingest), paging: Math.round(paging) };
  } finally {
    for (const p of procs) p.child.kill('SIGKILL');
  }
}

function report(backend: string, one: { ingest: number; paging: number }, two: typeof one): void {
  for (const what of ['ingest', 'paging'] as const) {
    const ratio = two[what] / one[what];
    console.log(
      `${`${backend} ${what}, two processes`.padEnd(38)} ${two[what].toLocaleString().padStart(9)} objects/s` +
        `  (one process ${one[what].toLocaleString()}; ratio ${ratio.toFixed(2)}×)  goal ≥ 0.8×`,
    );
  }
}

console.log(
  `${TOTAL.toLocaleString()} objects, ${CLIENTS} clients, envelopes of ${ENVELOPE}, pages of ${PAGE}`,
);
/** The best of PASSES alternating runs of one process and of two, each on a fresh database. */
async function compare(backend: string, fresh: (name: string) => Promise<string>): Promise<void> {
  const best = { 1: { ingest: 0, paging: 0 }, 2: { ingest: 0, paging: 0 } };
  for (let pass = 0; pass < PASSES; pass++) {
    for (const n of [1, 2] as const) {
      const r = await measure(await fresh(`${n}-${pass}`), n);
      best[n] = { ingest: Math.max(best[n].ingest, r.ingest), paging: Math.max(best[n].paging, r.paging) };
    }
  }
  report(backend, best[1], best[2]);
}

try {
  await compare('SQLite', async (name) => join(dir, `${name}.db`));
  const why = await unreachable();
  if (why === undefined) {
    const scratch = await createScratchDatabase();
    try {
      await compare('PostgreSQL', () => scratch.schemaUrl());
    } finally {
      await scratch.drop();
    }
  } else console.log(`PostgreSQL skipped: ${why}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  const nc = await connect({ servers: NATS });
  const jsm = await nc.jetstreamManager();
  for (const s of streams) await jsm.streams.delete(s).catch(() => false);
  await nc.close();
}
