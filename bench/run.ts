/**
 * Runs every benchmark in turn, each in its own process so that one's memory does not weigh
 * on the next. `npm run bench -- NAME…` runs only those named; BENCH_SCALE scales sizes.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES = [
  'validate',
  'match',
  'detect',
  'interop',
  'intel',
  'taxii',
  'import-cpu',
  'policy',
  'sync',
  'api-search',
  'web',
  'scale',
  'scale-processes',
];

const wanted = process.argv.slice(2);
const selected = wanted.length > 0 ? BENCHES.filter((b) => wanted.includes(b)) : BENCHES;
let failed = 0;
for (const name of selected) {
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  process.stdout.write(`\n== bench/${name} ==\n`);
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
