/**
 * bench/web: time to first render in a real browser (Debian's chromium, playwright-core) against
 * `accord serve` on a large node, each beside its baseline in the same run: the API answers the
 * screen waits for, fetched from the same page (so the ratio is what the console adds).
 *   - search results (`/search?q=`): navigation until the results table is there
 *   - an object page with 500 relationships: navigation until heading and Relationships table
 *     are there, and its Graph tab until the table of 500 edges is there
 * Medians of 7 runs after 2 untimed warm-ups. BENCH_SCALE scales the node (1 = 1,000,000
 * objects, imported with core's bulk import). Goals (issue 17): search < 1 s, object page < 2 s.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { addCollection, addOrganization, addUser, importFiles } from '../src/core/index.js';
import { openStore } from '../src/store/index.js';
import { signIn } from '../test/browser/support/console.js';
import { idOf, object } from './taxii-objects.js';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const TOTAL = Math.max(2000, Math.round(1_000_000 * SCALE));
const RELATIONSHIPS = 500;
const FILE_SIZE = 50_000;
const RUNS = 7;
const HUB = 'malware--0b5e7c1a-0000-4000-8000-00000000beef';
const dir = join(tmpdir(), `accord-bench-web-${process.pid}`);
mkdirSync(dir, { recursive: true });

function relationship(j: number): Record<string, unknown> {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--0b5e7c1a-0000-4000-9000-${j.toString(16).padStart(12, '0')}`,
    created: '2021-07-19T12:00:00.000Z',
    modified: '2021-07-19T12:00:00.000Z',
    relationship_type: 'indicates',
    source_ref: idOf(j),
    target_ref: HUB,
  };
}

async function buildNode(db: string): Promise<number> {
  const store = await openStore(db);
  await addOrganization(store, { id: 'bench-org' });
  await addUser(store, { username: 'bench', orgId: 'bench-org', role: 'editor', password: 'bench-password' });
  const collectionId = (await addCollection(store, { title: 'Bench', canRead: ['*'], canWrite: ['*'] })).id;
  const files: string[] = [];
  for (let base = 0; base < TOTAL; base += FILE_SIZE) {
    const objects: unknown[] = [];
    for (let i = base; i < Math.min(TOTAL, base + FILE_SIZE); i++) objects.push(object(i));
    if (base === 0) {
      objects.push({
        type: 'malware',
        spec_version: '2.1',
        id: HUB,
        created: '2021-07-19T12:00:00.000Z',
        modified: '2021-07-19T12:00:00.000Z',
        name: 'Hub malware',
        is_family: true,
      });
      for (let j = 0; j < RELATIONSHIPS; j++) objects.push(relationship(j));
    }
    const file = join(dir, `objects-${base}.json`);
    writeFileSync(
      file,
      JSON.stringify({ type: 'bundle', id: 'bundle--0b5e7c1a-0000-4000-8000-000000000000', objects }),
    );
    files.push(file);
  }
  const t = performance.now();
  const summary = await importFiles(store, { files, collectionId, username: 'bench' });
  const ms = performance.now() - t;
  await store.close();
  for (const f of files) rmSync(f);
  if (summary.stored !== TOTAL + 1 + RELATIONSHIPS) throw new Error(`import stored ${summary.stored}`);
  return ms;
}

async function serve(db: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--db', db],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += String(c);
      const m = /accord listening on (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`accord serve exited ${code}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Median ms of `run` over RUNS, after two untimed ones. */
async function timed(run: () => Promise<void>): Promise<number> {
  for (let i = 0; i < 2; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Median ms the page takes to fetch these API paths in turn (the screen's data, nothing drawn). */
async function apiTime(page: Page, paths: string[]): Promise<number> {
  return timed(async () => {
    await page.evaluate(
      `(async () => { for (const p of ${JSON.stringify(paths)}) await (await fetch(p)).json(); })()`,
    );
  });
}

function line(label: string, ms: number, baseline: number, goal: number) {
  console.log(
    `${label.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  (API alone ${baseline.toFixed(0)} ms; ratio ${(ms / baseline).toFixed(2)}×)  goal < ${goal} ms${ms < goal ? '' : '  MISSED'}`,
  );
}

const db = join(dir, 'node.db');
console.log(
  `building a node of ${TOTAL.toLocaleString()} indicators + a malware with ${RELATIONSHIPS} relationships…`,
);
const importMs = await buildNode(db);
console.log(`import: ${(importMs / 1000).toFixed(1)} s`);
const node = await serve(db);
const browser = await chromium.launch({
  executablePath: process.env.ACCORD_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await (await browser.newContext({ baseURL: node.url })).newPage();
  await signIn(page, ['bench', 'bench-password']);
  const q = encodeURIComponent(`bench indicator ${TOTAL - 7}`);
  const search = await timed(async () => {
    await page.goto(`/search?q=${q}`);
    await page.getByRole('table', { name: 'Search results' }).waitFor();
  });
  line('search results', search, await apiTime(page, [`/api/search?q=${q}`]), 1000);
  const hub = encodeURIComponent(HUB);
  const objectPage = await timed(async () => {
    await page.goto(`/objects/${hub}?tab=relationships`);
    await page.getByRole('heading', { level: 1, name: 'Hub malware' }).waitFor();
    await page.getByRole('table', { name: 'Relationships' }).waitFor();
  });
  line(
    'object page (500 relationships)',
    objectPage,
    await apiTime(page, [`/api/objects/${hub}/view`, `/api/objects/${hub}/relationships?limit=200`]),
    2000,
  );
  const graph = await timed(async () => {
    await page.goto(`/objects/${hub}?tab=graph`);
    await page
      .getByRole('table', { name: 'Graph as a table' })
      .locator('tbody tr')
      .nth(RELATIONSHIPS - 1)
      .waitFor();
  });
  line(
    'graph tab (500 edges drawn)',
    graph,
    await apiTime(page, [`/api/objects/${hub}/view`, `/api/objects/${hub}/relationships?limit=500`]),
    2000,
  );
} finally {
  await browser.close();
  await node.stop();
  rmSync(dir, { recursive: true, force: true });
}
