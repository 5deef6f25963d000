/**
 * Scheduled sighting summaries on a node of two processes (issue 18): both offer every slot's
 * job on the shared JetStream work queue, and each slot's job runs on one process only.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addCollection,
  addOrganization,
  addUser,
  nodeServices,
  startSummaryPublishing,
} from '../../src/core/index.js';
import { NatsWorkQueue, type WorkQueue } from '../../src/scale/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { waitFor } from '../support/wait-for.js';

const COLLECTION = '5b7c9d1e-2f3a-4b5c-8d6e-7f8091a2b3c4';
const SERVERS = process.env.ACCORD_TEST_NATS ?? 'nats://127.0.0.1:4222';
const dir = mkdtempSync(join(tmpdir(), 'accord-summary-queue-'));
const name = `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
afterAll(async () => {
  const nc = await connect({ servers: SERVERS });
  await (await nc.jetstreamManager()).streams.delete(`${name.toUpperCase()}_WORK`).catch(() => false);
  await nc.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The queue as the schedule uses it, noting which process ran which slot's job. */
function noting(queue: NatsWorkQueue, process: string, ran: [string, number][]): WorkQueue {
  return {
    offer: (job) => queue.offer(job),
    work: (handler) =>
      queue.work(async (job) => {
        ran.push([process, job.slot]);
        await handler(job);
      }),
    close: () => queue.close(),
  };
}

describe('sighting summaries on the shared work queue (issue 18)', () => {
  it("runs each slot's job on one of the two processes", async () => {
    const path = join(dir, 'accord.db');
    const setup = new SqliteStore({ path });
    await setup.init();
    await addOrganization(setup, { id: 'us' });
    await addUser(
      setup,
      { username: 'us-editor', orgId: 'us', password: 'pw-us-editor' },
      { N: 1024, r: 8, p: 1 },
    );
    await addCollection(setup, { id: COLLECTION, title: 'Shared', canRead: ['*'], canWrite: ['*'] });
    await setup.close();

    const ran: [string, number][] = [];
    const runs: string[] = [];
    const processes = await Promise.all(
      ['a', 'b'].map(async (p) => {
        const store = new SqliteStore({ path });
        await store.init();
        const queue = new NatsWorkQueue({ servers: SERVERS, name });
        expect(await queue.ready()).toBe(true);
        const schedule = startSummaryPublishing(nodeServices(store), {
          intervalMs: 250,
          queue: noting(queue, p, ran),
          onRun: (o) => runs.push(`${p} ${'error' in o ? String(o.error) : o.collectionId}`),
        });
        return { store, queue, schedule };
      }),
    );
    await waitFor(() => ran.length >= 4, { message: 'four slots run' });
    for (const p of processes) {
      await p.schedule.stop();
      await p.queue.close();
      await p.store.close();
    }
    const slots = ran.map(([, slot]) => slot);
    expect(new Set(slots).size, JSON.stringify(ran)).toBe(slots.length);
    expect(slots.every((s) => s % 250 === 0)).toBe(true);
    // Each run published (nothing to summarise here) for the one organisation and collection.
    expect(runs.filter((r) => !r.endsWith(` ${COLLECTION}`))).toEqual([]);
  });
});
