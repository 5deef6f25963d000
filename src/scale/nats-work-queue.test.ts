import { randomUUID } from 'node:crypto';
import { connect } from 'nats';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/support/wait-for.js';
import { NatsWorkQueue, type NatsWorkQueueOptions } from './nats-work-queue.js';
import type { WorkJob } from './work-queue.js';

// The NATS server with JetStream the machine runs (.ci/run starts it when it is stopped).
const SERVERS = process.env.ACCORD_TEST_NATS ?? 'nats://127.0.0.1:4222';

const open: NatsWorkQueue[] = [];
const streams: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((q) => q.close()));
  const nc = await connect({ servers: SERVERS });
  const jsm = await nc.jetstreamManager();
  for (const s of streams.splice(0)) await jsm.streams.delete(s).catch(() => false);
  await nc.close();
});

function testName(): string {
  const name = `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  streams.push(`${name.toUpperCase()}_WORK`);
  return name;
}

function queue(name: string, options: Partial<NatsWorkQueueOptions> = {}): NatsWorkQueue {
  const q = new NatsWorkQueue({ servers: SERVERS, name, ...options });
  open.push(q);
  return q;
}

async function streamState(name: string) {
  const nc = await connect({ servers: SERVERS });
  const jsm = await nc.jetstreamManager();
  const stream = `${name.toUpperCase()}_WORK`;
  const info = await jsm.streams.info(stream);
  const consumer = await jsm.consumers.info(stream, `${stream}_WORKERS`);
  await nc.close();
  return { stored: info.state.last_seq, pending: consumer.num_pending + consumer.num_ack_pending };
}

const job = (slot: number): WorkJob => ({ kind: 'publish-summaries', slot });

describe('NatsWorkQueue (issue 18)', () => {
  it('runs a job two processes offer for one slot once, on one of them', async () => {
    const name = testName();
    const [a, b] = [queue(name), queue(name)];
    expect(await Promise.all([a.ready(), b.ready()])).toEqual([true, true]);
    const runs: string[] = [];
    a.work(async (j) => void runs.push(`a ${j.slot}`));
    b.work(async (j) => void runs.push(`b ${j.slot}`));
    await Promise.all([a.offer(job(3_600_000)), b.offer(job(3_600_000))]);
    await b.offer(job(7_200_000));
    await waitFor(async () => (await streamState(name)).pending === 0 && runs.length >= 2, {
      message: 'every job taken and acknowledged',
    });
    expect((await streamState(name)).stored).toBe(2);
    expect(runs.map((r) => r.split(' ')[1]).sort()).toEqual(['3600000', '7200000']);
  });

  it('hands a job its process never acknowledged (it died) to another process', async () => {
    const name = testName();
    const a = queue(name, { ackWaitMs: 500 });
    expect(await a.ready()).toBe(true);
    let takenByA = false;
    a.work(() => {
      takenByA = true;
      return new Promise<void>(() => {}); // never done: the process dies at work
    });
    await a.offer(job(60_000));
    await waitFor(() => takenByA, { message: 'a to take the job' });
    await a.close();
    const b = queue(name, { ackWaitMs: 500 });
    const runs: number[] = [];
    b.work(async (j) => void runs.push(j.slot));
    await waitFor(() => runs.length === 1, { message: 'b to get the job a left' });
    expect(runs).toEqual([60_000]);
  });

  it('runs what it offers itself while NATS is unreachable, and says so', async () => {
    const fallbacks: string[] = [];
    const offline = queue(testName(), {
      servers: 'nats://127.0.0.1:1',
      onFallback: (d) => fallbacks.push(d),
    });
    const runs: number[] = [];
    offline.work(async (j) => void runs.push(j.slot));
    await offline.offer(job(1000));
    expect(runs).toEqual([1000]);
    expect(fallbacks.length).toBeGreaterThan(0);
  });
});
