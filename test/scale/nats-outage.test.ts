/**
 * A NATS outage never stops the node (issue 18): `accord serve --nats` with no NATS to reach
 * starts, answers every request, and logs the outage once, not once per request or commit.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addCollection, addOrganization, addUser } from '../../src/core/index.js';
import { openStore } from '../../src/store/index.js';
import { freePort } from '../federation/support/node-process.js';
import { waitFor } from '../support/wait-for.js';
import { ServeProcess } from './support/serve-process.js';
import { pw, taxii } from './support/taxii-http.js';

const COLLECTION = '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
const dir = mkdtempSync(join(tmpdir(), 'accord-nats-outage-'));
let proc: ServeProcess | undefined;
afterAll(async () => {
  await proc?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('accord serve without its NATS (issue 18)', () => {
  it('serves reads and writes, and logs NATS unavailable once', async () => {
    const db = join(dir, 'accord.db');
    const key = randomBytes(32);
    const store = await openStore(db, { secretKey: { key, origin: 'the test key' } });
    await addOrganization(store, { id: 'us' });
    await addUser(
      store,
      { username: 'writer', orgId: 'us', password: pw('writer') },
      { N: 1024, r: 8, p: 1 },
    );
    await addCollection(store, { id: COLLECTION, title: 'Local', canRead: ['*'], canWrite: ['*'] });
    await store.close();
    // Port 1 on loopback: nothing listens there.
    proc = new ServeProcess('alone', db, await freePort(), {
      ACCORD_NATS: 'nats://127.0.0.1:1',
      ACCORD_SECRET_KEY: key.toString('base64'),
    });
    await proc.start();
    for (let i = 0; i < 10; i++) {
      const objects = [
        {
          type: 'indicator',
          spec_version: '2.1',
          id: `indicator--0000000${i}-0000-4000-8000-000000000000`,
          created: '2024-07-19T09:00:00.000Z',
          modified: '2024-07-19T09:00:00.000Z',
          pattern: `[domain-name:value = 'h${i}.example.com']`,
          pattern_type: 'stix',
          valid_from: '2024-07-19T09:00:00Z',
        },
      ];
      const posted = await taxii(proc.url, `collections/${COLLECTION}/objects/`, 'writer', { objects });
      expect(posted.body.success_count).toBe(1);
    }
    const read = await taxii(proc.url, `collections/${COLLECTION}/objects/?limit=100`, 'writer');
    expect((read.body.objects as unknown[]).length).toBe(10);
    const current = proc;
    await waitFor(() => current.log.includes('NATS unavailable'), { message: 'the outage in the log' });
    expect(current.log.split('NATS unavailable').length - 1).toBe(1);
  }, 60_000);
});
