/**
 * bench/taxii: the node's ingest and read paths against better-sqlite3 used directly on the
 * same rows, in the same run. BENCH_SCALE scales the collection (1 = 1,000,000 objects).
 *   - import (core importFiles) and TAXII POST (envelopes of 500, inject, after one untimed login) vs raw INSERT
 *   - paging the whole collection through TAXII GET objects (limit 1000, next), against `accord
 *     serve` run from the compiled dist/ after 50 untimed warm-up pages, vs the raw SELECT of
 *     the same rows in the node's file, page by page in turn with the TAXII pages (also printed:
 *     the raw SELECT of raw.db, read right after it was written)
 *   - p50/p99 latency of `match[id]` GETs at that size
 *   - RSS of an `accord serve` process paging that collection (read from /proc)
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
import { countOf, getBytes, nextOf } from './lean-http-client.js';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const TOTAL = Math.max(1000, Math.round(1_000_000 * SCALE));
const POSTED = Math.max(500, Math.round(TOTAL / 10 / 500) * 500);
const FILE_SIZE = 50_000;
const TAXII = 'application/taxii+json;version=2.1';
const dir = join(tmpdir(), `accord-bench-${process.pid}`);
mkdirSync(dir, { recursive: true });

/** Deterministic ids, so no list of a million objects is kept in memory (RSS is measured). */
function idOf(i: number): string {
  return `indicator--0b5e7c1a-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

function object(i: number): Record<string, unknown> {
  const a = (i >> 16) & 255;
  const b = (i >> 8) & 255;
  const c = i & 255;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: idOf(i),
    created: '2021-07-19T12:00:00.000Z',
    modified: '2021-07-19T12:00:00.000Z',
    name: `bench indicator ${i}`,
    indicator_types: ['malicious-activity'],
    pattern: `[ipv4-addr:value = '10.${a}.${b}.${c}']`,
    pattern_type: 'stix',
    valid_from: '2021-07-19T12:00:00Z',
  };
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
  const db = new Database(join(dir, 'raw.db'));
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
  let t = performance.now();
  for (let i = 0; i < TOTAL; i += 500) batch(i, Math.min(500, TOTAL - i));
  const insertRate = rate(TOTAL, performance.now() - t);
  const page = db.prepare(
    'SELECT seq, date_added, json FROM v WHERE collection = ? AND (date_added, seq) > (?, ?) ORDER BY date_added, seq LIMIT 1000',
  );
  t = performance.now();
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
  const readRate = rate(n, performance.now() - t);
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
  const posted = (await addCollection(store, { title: 'posted', canRead: ['*'], canWrite: ['*'] })).id;

  // Import through the core use case, from array files of FILE_SIZE objects.
  const files: string[] = [];
  for (let i = 0; i < TOTAL; i += FILE_SIZE) {
    const file = join(dir, `import-${i}.json`);
    const chunk = Array.from({ length: Math.min(FILE_SIZE, TOTAL - i) }, (_, k) => object(i + k));
    writeFileSync(file, JSON.stringify(chunk));
    files.push(file);
  }
  let t = performance.now();
  const summary = await importFiles(store, { files, collectionId: big, username: 'bench' });
  const importRate = rate(summary.stored, performance.now() - t);
  if (summary.stored !== TOTAL) throw new Error(`import stored ${summary.stored} of ${TOTAL}`);

  const app = buildServer({ store });
  await app.ready();
  const headers = {
    accept: TAXII,
    authorization: `Basic ${Buffer.from('bench:bench-password').toString('base64')}`,
  };

  // TAXII POST, envelopes of 500. The session's login (one scrypt, ~0.15 s, then cached) happens
  // before the clock starts, as the paging run's warm-up does: the figure is the ingest rate.
  const login = await app.inject({ method: 'GET', url: `/taxii2/api/collections/${posted}/`, headers });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode}`);
  t = performance.now();
  for (let i = 0; i < POSTED; i += 500) {
    const envelope = Array.from({ length: Math.min(500, POSTED - i) }, (_, k) => object(TOTAL + i + k));
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
  const postRate = rate(POSTED, performance.now() - t);

  await app.close();
  await store.close();

  // Paging and match[id] against a real `accord serve` process on the same database, so that its
  // RSS is the server's alone (read from /proc at the end).
  const server = await startServe(join(dir, 'node.db'));
  try {
    const pageUrl = (next: string | undefined) =>
      `${server.url}/taxii2/api/collections/${big}/objects/?limit=1000${next ? `&next=${encodeURIComponent(next)}` : ''}`;
    // Warm-up, untimed: the first pages of a fresh process run before the JIT has compiled the
    // read path (the raw baseline runs warm, in the process that just inserted the rows).
    let warm: string | undefined;
    for (let i = 0; i < WARM_UP_PAGES; i++) {
      warm = nextOf(await getBytes(pageUrl(warm), headers));
      if (!warm) break;
    }
    // This process is also the paging client: collect what import and POST left on its heap
    // (the raw baseline ran before them), when run with --expose-gc as `npm run bench` does.
    (globalThis as { gc?: () => void }).gc?.();
    // Each TAXII page alternates with one page of the raw read of the same rows in the node's own
    // file (first one, then the other), so that both meet the same page-cache state: on a VM
    // that pages out cold file pages, a file written minutes ago reads slower than raw.db, which
    // was read right after it was written.
    const rawSame = rawPager(join(dir, 'node.db'), big);
    let httpMs = 0;
    let seen = 0;
    let next: string | undefined;
    let page = 0;
    const httpPage = async () => {
      const started = performance.now();
      // A lean client (keep-alive node:http, bytes not decoded or parsed) so that the figure is
      // the server's rate; the envelope puts `more`/`next` first.
      const body = await getBytes(pageUrl(next), headers);
      next = nextOf(body);
      httpMs += performance.now() - started;
      // The bench's own check, off the clock (counting a page's objects costs about a tenth of
      // fetching it): every object of this collection has exactly one "pattern".
      if (seen === 0) JSON.parse(body.toString()); // the first page at least is a well-formed envelope
      seen += countOf(body, PATTERN_KEY);
    };
    do {
      if (page++ % 2 === 0) {
        rawSame.page();
        await httpPage();
      } else {
        await httpPage();
        rawSame.page();
      }
    } while (next);
    while (rawSame.page() > 0);
    const pageRate = rate(seen, httpMs);
    const rawSameRate = rate(rawSame.rows(), rawSame.ms());
    rawSame.close();
    if (seen !== TOTAL) throw new Error(`paging saw ${seen} of ${TOTAL}`);

    const latencies: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const id = idOf(Math.floor(Math.random() * TOTAL));
      const s = performance.now();
      await getBytes(`${server.url}/taxii2/api/collections/${big}/objects/?match[id]=${id}`, headers);
      latencies.push(performance.now() - s);
    }
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
    const memory = serverMemory(server.pid);

    line('ingest: accord import', importRate, 'objects/s', raw.insert, '≤ 3×');
    line('ingest: TAXII POST (500/envelope)', postRate, 'objects/s', raw.insert, '≤ 3×');
    line('paging: TAXII GET limit=1000 (HTTP)', pageRate, 'objects/s', rawSameRate, '≤ 2×');
    console.log(
      `${' '.repeat(35)}(raw above: the node's file, page by page beside TAXII; raw.db read after writing it: ${raw.read.toLocaleString()} objects/s, ratio ${(raw.read / pageRate).toFixed(2)}×)`,
    );
    console.log(
      `match[id] latency at ${TOTAL.toLocaleString()} (HTTP, loopback): p50 ${pct(0.5).toFixed(2)} ms, p99 ${pct(0.99).toFixed(2)} ms (goal p99 < 10 ms)`,
    );
    console.log(
      `server RSS at ${TOTAL.toLocaleString()} objects: ${memory.rss} MB now, ${memory.peak} MB peak (goal < 300 MB)`,
    );
  } finally {
    server.stop();
  }
}

const PATTERN_KEY = Buffer.from('"pattern":');

/**
 * The raw baseline's read (the same statement, object rows, pages of 1000) over the node's own
 * database file, one timed page per call.
 */
function rawPager(file: string, collection: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const page = db.prepare(
    'SELECT seq, date_added, json FROM versions WHERE collection = ? AND (date_added, seq) > (?, ?) ORDER BY date_added, seq LIMIT 1000',
  );
  let last = { date_added: -1, seq: -1 };
  let rows = 0;
  let ms = 0;
  return {
    /** Reads the next page; returns how many rows it had. */
    page(): number {
      const started = performance.now();
      const got = page.all(collection, last.date_added, last.seq) as { seq: number; date_added: number }[];
      ms += performance.now() - started;
      if (got.length > 0) last = got[got.length - 1] as typeof last;
      rows += got.length;
      return got.length;
    },
    rows: () => rows,
    ms: () => ms,
    close: () => db.close(),
  };
}
const WARM_UP_PAGES = 50;

/**
 * Starts `accord serve` on a database (port 0) as users run it, from the compiled `dist/`
 * (built first, so it matches the sources), and resolves with its URL and pid.
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
