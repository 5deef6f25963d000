/**
 * Child process of test/taxii/connection-limits.test.ts: `accord serve` on a port of its own,
 * with the timeouts given in milliseconds and every other limit at its default (the parent
 * lowers this process's open-file limit with `ulimit -n`).
 * Usage: node --import tsx test/support/serve-child.ts DB_PATH HEADERS_TIMEOUT_MS CHECK_INTERVAL_MS
 */
import { startServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';

const [path, headersTimeoutMs, checkIntervalMs] = process.argv.slice(2);
if (path === undefined || headersTimeoutMs === undefined || checkIntervalMs === undefined) {
  process.stderr.write('usage: serve-child DB_PATH HEADERS_TIMEOUT_MS CHECK_INTERVAL_MS\n');
  process.exit(2);
}
const store = await openStore(path);
const server = await startServer({
  store,
  host: '127.0.0.1',
  port: 0,
  log: false,
  connections: { headersTimeoutMs: Number(headersTimeoutMs), checkIntervalMs: Number(checkIntervalMs) },
});
process.stdout.write(`accord listening on ${server.url}\n`);
process.once('SIGTERM', () => {
  server.close().then(() => process.exit(0));
});
