/**
 * bench/taxii: the node's ingest and read paths against better-sqlite3 used directly on the
 * same rows, in the same run. BENCH_SCALE scales the collection (1 = 1,000,000 objects).
 *   - import (core importFiles) and TAXII POST (envelopes of 500, inject, after one untimed login) vs raw INSERT
 *     (POST and the raw INSERT: best of three passes, each into a fresh collection or file)
 *   - paging the whole collection through TAXII GET objects (limit 1000, next), against `accord
 *     serve` run from the compiled dist/ after 50 untimed warm-up pages, vs the raw SELECT of
 *     the same rows in the node's file, page by page in turn with the TAXII pages (also printed:
 *     the raw SELECT of raw.db, read right after it was written); best of three passes each
 *   - p50/p99 latency of `match[id]` GETs at that size
 *   (both from bench/taxii-client.ts, a client process of its own)
 *   - RSS of an `accord serve` process paging that collection (read from /proc)
 * BENCH_CLOCK=cpu gives the rates per CPU-second (paging: the server's and the client's CPU
 * time; bench/bench-clock.ts); latencies stay in wall time.
 * Goals (issue 4): ingest ≤ 3× raw, paging ≤ 2× raw, p99 match[id] < 10 ms, RSS < 300 MB.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { addCollection, addOrganization, addUser, importFiles } from '../src/core/index.js';
import { buildServer } from '../src/server/index.js';
import { openStore } from '../src/store/index.js';
import { clockMs, PER } from './bench-clock.js';
import { object } from './taxii-objects.js';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const TOTAL = Math.max(1000, Math.round(1_000_000 * SCALE));
const POSTED = Math.max(500, Math.round(TOTAL / 10 / 500) * 500);
/** Passes of the raw insert and of POST (each into a fresh table or collection), the best counting. */
const PASSES = 3;
const FILE_SIZE = 50_000;
const TAXII = 'application/taxii+json;version=2.1';
const dir = join(tmpdir(), `accord-bench-${process.pid}`);
mkdirSync(dir, { recursive: true });

/** What bench/taxii-client.ts prints. */
interface PagingResult {
  readonly pageRate: number;
  readonly rawSameRate: number;
  readonly p50: number;
  readonly p99: number;
}

const rate = (n: number, ms: number) => Math.round((n * 1000) / ms);
const line = (label: string, value: number, unit: string, baseline?: number, goal?: string) => {
  const ratio = baseline
    ? `  (raw ${baseline.toLocaleString()} ${unit}; ratio ${(baseline / value).toFixed(2)}×)`
    : '';
  console.log(
    `${label.padEnd(34)} ${value.toLocaleString().padStart(12)} ${unit}${ratio}${goal ? `  goal ${goal}` : ''}`,
  );
};

/**
 * Raw better-sqlite3: the same rows (the same collection id, a UUID as the node assigns) into a
 * table shaped like the store's, then read in pages.
 */
function rawBaseline(collection: string): { insert: number; read: number } {
  // Insert passes into fresh files, the best one counting (as for POST); the last file is read.
  let insertRate = 0;
  let db: Database.Database | undefined;
  for (let pass = 0; pass < PASSES; pass++) {
    db?.close();
    rmSync(join(dir, 'raw.db'), { force: true });
    rmSync(join(dir, 'raw.db-wal'), { force: true });
    db = new Database(join(dir, 'raw.db'));
    db.pragma('journal_mode = WAL');
    // The same durability as the store (DESIGN.md: acknowledged only once committed and synced).
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE v (seq INTEGER PRIMARY KEY, collection TEXT, stix_id TEXT, type TEXT, version TEXT,
      spec_version TEXT, date_added INTEGER, json TEXT);
      CREATE INDEX v_feed ON v (collection, date_added, seq); CREATE UNIQUE INDEX v_id ON v (collection, stix_id, version);`);
    const insert = db.prepare(
      'INSERT INTO v (collection, stix_id, type, version, spec_version, date_added, json) VALUES (?,?,?,?,?,?,?)',
    );
    const batch = db.transaction((base: number, count: number) => {
      for (let i = base; i < base + count; i++) {
        const o = object(i);
        insert.run(collection, o.id, o.type, o.modified, '2.1', i, JSON.stringify(o));
      }
    });
    const started = clockMs();
    for (let i = 0; i < TOTAL; i += 500) batch(i, Math.min(500, TOTAL - i));
    insertRate = Math.max(insertRate, rate(TOTAL, clockMs() - started));
  }
  if (db === undefined) throw new Error('no raw pass');
  const page = db.prepare(
    'SELECT seq, date_added, json FROM v WHERE collection = ? AND (date_added, seq) > (?, ?) ORDER BY date_added, seq LIMIT 1000',
  );
  // The best of as many passes as bench/taxii-client.ts makes over the node's file.
  let readRate = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    const t = clockMs();
    let n = 0;
    let last = { date_added: -1, seq: -1 };
    for (;;) {
      const got = page.all(collection, last.date_added, last.seq) as {
        seq: number;
        date_added: number;
        json: string;
      }[];
      if (got.length === 0) break;
      n += got.length;
      last = got[got.length - 1]!;
    }
    readRate = Math.max(readRate, rate(n, clockMs() - t));
  }
  db.close();
  return { insert: insertRate, read: readRate };
}

async function main(): Promise<void> {
  console.log(
    `bench/taxii: ${TOTAL.toLocaleString()} objects (BENCH_SCALE=${SCALE}), POST ${POSTED.toLocaleString()}`,
  );
  const raw = rawBaseline(randomUUID());

  const store = await openStore(join(dir, 'node.db'));
  await addOrganization(store, { id: 'bench' });
  await addUser(store, { username: 'bench', orgId: 'bench', password: 'bench-password' });
  const big = (await addCollection(store, { title: 'big', canRead: ['*'], canWrite: ['*'] })).id;

  // Import through the core use case, from array files of FILE_SIZE objects.
  const files: string[] = [];
  for (let i = 0; i < TOTAL; i += FILE_SIZE) {
    const file = join(dir, `import-${i}.json`);
    const chunk = Array.from({ length: Math.min(FILE_SIZE, TOTAL - i) }, (_, k) => object(i + k));
    writeFileSync(file, JSON.stringify(chunk));
    files.push(file);
  }
  let t = clockMs();
  const summary = await importFiles(store, { files, collectionId: big, username: 'bench' });
  const importRate = rate(summary.stored, clockMs() - t);
  if (summary.stored !== TOTAL) throw new Error(`import stored ${summary.stored} of ${TOTAL}`);

  const app = buildServer({ store });
  await app.ready();
  const headers = {
    accept: TAXII,
    authorization: `Basic ${Buffer.from('bench:bench-password').toString('base64')}`,
  };

  // TAXII POST, envelopes of 500. The session's login (one scrypt, ~0.15 s, then cached) happens
  // before the clock starts, as the paging run's warm-up does: the figure is the ingest rate.
  const login = await app.inject({ method: 'GET', url: `/taxii2/api/collections/${big}/`, headers });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode}`);
  let postRate = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    const posted = (await addCollection(store, { title: `posted ${pass}`, canRead: ['*'], canWrite: ['*'] }))
      .id;
    const first = TOTAL + pass * POSTED;
    t = clockMs();
    for (let i = 0; i < POSTED; i += 500) {
      const envelope = Array.from({ length: Math.min(500, POSTED - i) }, (_, k) => object(first + i + k));
      const res = await app.inject({
        method: 'POST',
        url: `/taxii2/api/collections/${posted}/objects/`,
        headers: { ...headers, 'content-type': TAXII },
        payload: JSON.stringify({ objects: envelope }),
      });
      if (res.statusCode !== 202 || res.json().success_count !== envelope.length) {
        throw new Error(`POST failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
      }
    }
    postRate = Math.max(postRate, rate(POSTED, clockMs() - t));
  }

  await app.close();
  await store.close();

  // Paging and match[id] against a real `accord serve` process on the same database, so that its
  // RSS is the server's alone (read from /proc at the end).
  const server = await startServe(join(dir, 'node.db'));
  try {
    // The paging and match[id] client runs in a process of its own: this one carries the heap
    // of import and POST, and the collector's work on it slowed the client's side of every page
    // (a client holding 700 MB of live objects measured TAXII pages 20-40% slower).
    const client = JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, 'taxii-client.ts'),
          JSON.stringify({
            url: server.url,
            collection: big,
            db: join(dir, 'node.db'),
            total: TOTAL,
            serverPid: server.pid,
            headers,
          }),
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
      ),
    ) as PagingResult;
    const { pageRate, rawSameRate, p50, p99 } = client;
    const memory = serverMemory(server.pid);

    line('ingest: accord import', importRate, `objects/${PER}`, raw.insert, '≤ 3×');
    line('ingest: TAXII POST (500/envelope)', postRate, `objects/${PER}`, raw.insert, '≤ 3×');
    line('paging: TAXII GET limit=1000 (HTTP)', pageRate, `objects/${PER}`, rawSameRate, '≤ 2×');
    console.log(
      `${' '.repeat(35)}(raw above: the node's file, page by page beside TAXII; raw.db read after writing it: ${raw.read.toLocaleString()} objects/${PER}, ratio ${(raw.read / pageRate).toFixed(2)}×)`,
    );
    console.log(
      `match[id] latency at ${TOTAL.toLocaleString()} (HTTP, loopback): p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (goal p99 < 10 ms)`,
    );
    console.log(
      `server RSS at ${TOTAL.toLocaleString()} objects: ${memory.rss} MB now, ${memory.peak} MB peak (goal < 300 MB)`,
    );
  } finally {
    server.stop();
  }
}

/**
 * Starts `accord serve` on a database (port 0) as users run it, from the compiled and bundled
 * `dist/` (built first, so it matches the sources), and resolves with its URL and pid.
 */
function startServe(db: string): Promise<{ url: string; pid: number; stop: () => void }> {
  const root = join(import.meta.dirname, '..');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  // tsc leaves src/cli out: the CLI is bundled (docs/decisions/0009-cli-bundle.md), as `npm run build` does.
  execFileSync(process.execPath, [join(root, 'scripts/bundle-cli.mjs')], { cwd: root, stdio: 'inherit' });
  const child = spawn(
    process.execPath,
    [join(root, 'dist/cli/main.js'), 'serve', '--port', '0', '--db', db],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const url = /accord listening on (\S+)/.exec(out)?.[1];
      if (url && child.pid) {
        // Keep draining the request log, but stop collecting it: this process is also the client.
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ url, pid: child.pid, stop: () => child.kill('SIGTERM') });
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

/** Current and peak resident memory of a process, in MB (Linux /proc). */
function serverMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
