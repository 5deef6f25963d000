/**
 * Runs the browser suites (test/browser/*.browser.ts) under node's test runner, one file at a
 * time (each starts a node and a chromium). Builds the console first, so the suites test the
 * code as it is. CI reads the runner's summary.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const build = spawnSync('npm', ['run', '--silent', 'build:web'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const only = process.argv.slice(2);
const files = readdirSync('test/browser')
  .filter((f) => f.endsWith('.browser.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
  .map((f) => `test/browser/${f}`);
const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
