/**
 * bench/import-cpu: objects stored per CPU-second by core importFiles (process.cpuUsage, all
 * threads: the machine is shared, wall time says more about the neighbours than about the code),
 * for this tree and, when BENCH_BASELINE names another checkout of the repository (a
 * `git worktree add` of an earlier commit, with its node_modules; several, separated by commas),
 * for those trees in the same run: all interleaved, each import in a fresh process, BENCH_ROUNDS
 * rounds (default 3), the ratio of the medians printed. Objects are bench/taxii's indicators, in files of 50,000;
 * BENCH_SCALE scales the count (1 = 100,000); BENCH_PATTERNS=N gives them only N distinct
 * patterns (feeds repeat patterns across versions).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { object } from './taxii-objects.js';

const FILE_SIZE = 50_000;
const here = fileURLToPath(new URL('../', import.meta.url));

/** One import in this process, of the tree at `root`; prints its JSON result line. */
async function child(root: string): Promise<void> {
  const total = Math.max(1000, Math.round(100_000 * Number(process.env.BENCH_SCALE ?? '1')));
  const distinct = Number(process.env.BENCH_PATTERNS ?? '0');
  const { openStore } = await import(join(root, 'src/store/index.ts'));
  const core = await import(join(root, 'src/core/index.ts'));
  const dir = mkdtempSync(join(tmpdir(), 'accord-import-cpu-'));
  const files: string[] = [];
  for (let f = 0; f * FILE_SIZE < total; f++) {
    const objects = [];
    for (let i = f * FILE_SIZE; i < Math.min(total, (f + 1) * FILE_SIZE); i++)
      objects.push(distinct > 0 ? { ...object(i), pattern: object(i % distinct).pattern } : object(i));
    const file = join(dir, `b${f}.json`);
    const bundleId = `bundle--0b5e7c1a-0000-4000-8000-${String(f).padStart(12, '0')}`;
    writeFileSync(file, JSON.stringify({ type: 'bundle', id: bundleId, objects }));
    files.push(file);
  }
  const store = await openStore(join(dir, 'node.db'));
  await core.addOrganization(store, { id: 'uk' });
  const user = { username: 'bench', orgId: 'uk', role: 'editor', password: 'bench-password' };
  await core.addUser(store, user, { N: 1024, r: 8, p: 1 });
  const { id } = await core.addCollection(store, { title: 'b', canRead: ['*'], canWrite: ['uk'] });
  const before = process.cpuUsage();
  const summary = await core.importFiles(store, { files, collectionId: id, username: 'bench' });
  const used = process.cpuUsage(before);
  const seconds = (used.user + used.system) / 1e6;
  console.log(
    JSON.stringify({ stored: summary.stored, cpuSeconds: seconds, rate: summary.stored / seconds }),
  );
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

/** The rate of one import of the tree at `root`, in a process of its own. */
function measure(root: string): number {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', root],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
  if (run.status !== 0 || line === undefined) throw new Error(`import in ${root} failed: ${run.stderr}`);
  return (JSON.parse(line) as { rate: number }).rate;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  // Several baselines may be named, separated by commas: all trees take turns in each round.
  const baselines = (process.env.BENCH_BASELINE ?? '').split(',').filter((b) => b.length > 0);
  const rounds = Number(process.env.BENCH_ROUNDS ?? '3');
  const trees = [...baselines, here];
  const rates = new Map<string, number[]>(trees.map((t) => [t, []]));
  for (let r = 0; r < rounds; r++) {
    for (const tree of trees) {
      const rate = measure(tree);
      rates.get(tree)!.push(rate);
      console.log(
        `round ${r + 1}  ${tree.padEnd(40)} ${Math.round(rate).toLocaleString().padStart(8)} objects/CPU-s`,
      );
    }
  }
  const ours = median(rates.get(here)!);
  console.log(`import (this tree, median)          ${Math.round(ours).toLocaleString()} objects/CPU-s`);
  for (const baseline of baselines) {
    const theirs = median(rates.get(baseline)!);
    console.log(`baseline ${baseline} (median)  ${Math.round(theirs).toLocaleString()} objects/CPU-s`);
    console.log(`ratio this/baseline                 ${(ours / theirs).toFixed(2)}`);
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!);
else await main();
