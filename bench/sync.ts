/**
 * bench/sync: federation throughput and delay between two Accord nodes on loopback.
 * - baseline: single-node TAXII ingest (POST envelopes of 500 to `accord serve` on node A);
 * - replication: the same objects pulled from A into node B (`syncPeersOnce`), then pushed from
 *   B to a third node C (TAXII POST on C), objects/s, each as a ratio of the baseline (goal >= 0.5);
 * - delay: publication on A to visibility on B while `accord sync --watch` runs for B (goal < 2 s).
 * N = 100,000 objects; BENCH_SCALE scales it (e.g. BENCH_SCALE=0.1).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addCollection, addOrganization, addUser, configurePeer, syncPeersOnce } from '../src/core/index.js';
import type { Store } from '../src/store/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { TaxiiClient } from '../src/taxii/client/index.js';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const N = Math.max(1000, Math.round(100_000 * SCALE));
const ENVELOPE = 500;
const DELAY_SAMPLES = 10;
const MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const COLLECTION = '0d5e1b7a-6c2f-4e3d-8a9b-1c2d3e4f5a6b';
const IDS = {
  a: 'identity--0e0a0000-0000-4000-8000-00000000000a',
  b: 'identity--0e0a0000-0000-4000-8000-00000000000b',
};

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** A node's database with orgs a and b, users a-editor and b-peer, and the shared collection. */
async function setUpDb(path: string): Promise<Store> {
  const store = new SqliteStore({ path });
  await store.init();
  for (const [id, identityId] of Object.entries(IDS)) await addOrganization(store, { id, identityId });
  await addUser(
    store,
    { username: 'a-editor', orgId: 'a', role: 'editor', password: 'pw-a-editor' },
    { N: 1024, r: 8, p: 1 },
  );
  await addUser(
    store,
    { username: 'b-peer', orgId: 'b', role: 'editor', password: 'pw-b-peer1' },
    { N: 1024, r: 8, p: 1 },
  );
  await addCollection(store, { id: COLLECTION, title: 'Bench', canRead: ['*'], canWrite: ['*'] });
  return store;
}

function spawnCli(args: string[], readyText?: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.resume();
  if (readyText === undefined) return Promise.resolve(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(readyText)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
}

function indicator(): Record<string, unknown> {
  const now = new Date().toISOString();
  const n = Math.floor(Math.random() * 250);
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: now,
    modified: now,
    name: `bench indicator ${n}`,
    pattern: `[ipv4-addr:value = '203.0.113.${n}']`,
    pattern_type: 'stix',
    valid_from: now,
    labels: ['bench'],
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-sync-'));
  const children: ChildProcess[] = [];
  try {
    const aDb = join(dir, 'a.db');
    const bDb = join(dir, 'b.db');
    await (await setUpDb(aDb)).close();
    const b = await setUpDb(bDb);
    const port = await freePort();
    children.push(await spawnCli(['serve', '--port', String(port), '--db', aDb], 'accord listening on'));
    const apiRoot = `http://127.0.0.1:${port}/taxii2/api/`;
    const client = new TaxiiClient({
      auth: { username: 'a-editor', password: 'pw-a-editor' },
      timeoutMs: 120_000,
    });

    // Baseline: single-node TAXII ingest on A.
    const t0 = performance.now();
    for (let done = 0; done < N; done += ENVELOPE) {
      const objects = Array.from({ length: Math.min(ENVELOPE, N - done) }, indicator);
      const status = await client.addObjects(apiRoot, COLLECTION, objects);
      if (status.failure_count > 0) throw new Error(`ingest failed: ${status.failures[0]?.message}`);
    }
    const ingestRate = N / ((performance.now() - t0) / 1000);

    // Replication: B pulls everything from A.
    await configurePeer(b, {
      name: 'a',
      url: `http://127.0.0.1:${port}/taxii2/`,
      username: 'b-peer',
      password: 'pw-b-peer1',
      remoteCollection: COLLECTION,
      localCollection: COLLECTION,
      orgId: 'a',
      pull: true,
    });
    const t1 = performance.now();
    const [report] = await syncPeersOnce(b, { peer: 'a', client: { timeoutMs: 120_000 } });
    const syncSeconds = (performance.now() - t1) / 1000;
    if (report?.error || report?.pull?.accepted !== N)
      throw new Error(`sync incomplete: ${JSON.stringify(report)}`);
    const syncRate = N / syncSeconds;

    // Replication by push: B pushes what it has to a third node C (through C's TAXII POST).
    const cDb = join(dir, 'c.db');
    await (await setUpDb(cDb)).close();
    const cPort = await freePort();
    children.push(await spawnCli(['serve', '--port', String(cPort), '--db', cDb], 'accord listening on'));
    await configurePeer(b, {
      name: 'c',
      url: `http://127.0.0.1:${cPort}/taxii2/`,
      username: 'b-peer',
      password: 'pw-b-peer1',
      remoteCollection: COLLECTION,
      localCollection: COLLECTION,
      orgId: 'b',
      push: true,
    });
    const t2 = performance.now();
    const [pushed] = await syncPeersOnce(b, { peer: 'c', client: { timeoutMs: 120_000 } });
    const pushSeconds = (performance.now() - t2) / 1000;
    if (pushed?.error || pushed?.push?.sent !== N)
      throw new Error(`push incomplete: ${JSON.stringify(pushed)}`);
    const pushRate = N / pushSeconds;

    // Delay under --watch: publish one object on A, wait until B has it.
    children.push(await spawnCli(['sync', '--watch', '--peer', 'a', '--poll-ms', '200', '--db', bDb]));
    // Wait until the watcher has completed a run of its own (its start-up is not the delay measured).
    const before = (await b.getPeerState('a'))?.lastAttempt;
    while ((await b.getPeerState('a'))?.lastAttempt === before) await new Promise((r) => setTimeout(r, 50));
    const delays: number[] = [];
    for (let i = 0; i < DELAY_SAMPLES; i++) {
      const o = indicator();
      const published = performance.now();
      await client.addObjects(apiRoot, COLLECTION, [o]);
      for (;;) {
        if ((await b.getVersions(COLLECTION, String(o.id))).length > 0) break;
        if (performance.now() - published > 30_000) throw new Error('object never arrived');
        await new Promise((r) => setTimeout(r, 10));
      }
      delays.push((performance.now() - published) / 1000);
      await new Promise((r) => setTimeout(r, 137 * (i % 3))); // spread over the poll phase
    }
    console.log(`delays (s): ${delays.map((d) => d.toFixed(3)).join(' ')}`);
    delays.sort((x, y) => x - y);
    const p50 = delays[Math.floor(delays.length / 2)]!;
    const max = delays[delays.length - 1]!;
    await b.close();

    const f = (n: number) => Math.round(n).toLocaleString('en-US');
    console.log(`objects: ${f(N)} (BENCH_SCALE=${SCALE})`);
    console.log(`single-node TAXII ingest (baseline): ${f(ingestRate)} objects/s`);
    console.log(
      `replication A -> B (pull):            ${f(syncRate)} objects/s  ratio ${(syncRate / ingestRate).toFixed(2)} (goal >= 0.50)`,
    );
    console.log(
      `replication B -> C (push):            ${f(pushRate)} objects/s  ratio ${(pushRate / ingestRate).toFixed(2)} (goal >= 0.50)`,
    );
    console.log(
      `publication-to-visibility under sync --watch (poll 200 ms): p50 ${p50.toFixed(3)} s, max ${max.toFixed(3)} s of ${DELAY_SAMPLES} (goal < 2 s)`,
    );
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
