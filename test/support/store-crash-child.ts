/**
 * Child process of test/store-crash.test.ts: ingests batches into a SQLite store forever and
 * prints `ack BATCH ID,ID,…` after each addVersions promise resolves (i.e. after commit).
 * Usage: node --import tsx test/support/store-crash-child.ts DB_PATH COLLECTION BATCH_SIZE
 */
import { SqliteStore } from '../../src/store/sqlite/index.js';

const [path, collectionId, size] = process.argv.slice(2);
if (path === undefined || collectionId === undefined || size === undefined) {
  process.stderr.write('usage: store-crash-child DB_PATH COLLECTION BATCH_SIZE\n');
  process.exit(2);
}
const batchSize = Number(size);
const padding = 'x'.repeat(2048);
const store = new SqliteStore({ path });
await store.init();
process.stdout.write('ready\n');
for (let batch = 0; ; batch++) {
  const objects = Array.from({ length: batchSize }, (_, i) => {
    const n = batch * batchSize + i;
    return {
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      created: '2021-07-19T00:00:00.000Z',
      modified: '2021-07-19T00:00:00.000Z',
      pattern: `[ipv4-addr:value = '192.0.2.${n % 256}']`,
      pattern_type: 'stix',
      valid_from: '2021-07-19T00:00:00Z',
      x_batch: batch,
      x_padding: padding,
    };
  });
  await store.addVersions(
    collectionId,
    objects.map((object) => ({ object, producerOrg: 'uk-ncsc', origin: 'local' })),
  );
  // Pipes are written synchronously on Linux: once this returns the parent can see the line.
  process.stdout.write(`ack ${batch} ${objects.map((o) => o.id).join(',')}\n`);
}
