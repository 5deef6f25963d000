/**
 * Runs the browser suites (test/browser/*.browser.ts) under node's test runner, two files at a
 * time (each starts a node and a chromium over its own copy of one world, built here once).
 * Builds the console first, so the suites test the code as it is. CI reads the runner's summary.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';

const build = spawnSync('npm', ['run', '--silent', 'build:web'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const world = spawnSync(process.execPath, ['--import', 'tsx', 'test/browser/support/build-world.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
});
if (world.status !== 0) process.exit(world.status ?? 1);
const only = process.argv.slice(2);
const files = readdirSync('test/browser')
  .filter((f) => f.endsWith('.browser.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
  .map((f) => `test/browser/${f}`);
const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, ACCORD_BROWSER_WORLD: world.stdout.trim() } },
);
rmSync(JSON.parse(world.stdout).dir, { recursive: true, force: true });
process.exit(run.status ?? 1);
