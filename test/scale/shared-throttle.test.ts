/**
 * Login throttling across the processes of one node (ADR 0014): what one process counts, the
 * others count too once its notice arrives over NATS, so spreading guesses over the processes
 * behind a load balancer buys nothing.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { afterAll, describe, expect, it } from 'vitest';
import { AccordNode, addOrganization, addUser } from '../../src/core/index.js';
import { NatsChangeBus, natsNames } from '../../src/scale/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { waitFor } from '../support/wait-for.js';

const SERVERS = process.env.ACCORD_TEST_NATS ?? 'nats://127.0.0.1:4222';
const dir = mkdtempSync(join(tmpdir(), 'accord-throttle-'));
const name = `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const closing: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closing.reverse()) await close();
  const nc = await connect({ servers: SERVERS });
  await (await nc.jetstreamManager()).streams.delete(natsNames(name).stream).catch(() => false);
  await nc.close();
  rmSync(dir, { recursive: true, force: true });
});

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function outcome(node: AccordNode, header: string, ip: string): Promise<string> {
  try {
    return (await node.authenticate(header, ip)).username;
  } catch (err) {
    return (err as { code: string }).code;
  }
}

/** One process: its own connection to the database file and its own bus connection. */
async function processOn(path: string): Promise<{ node: AccordNode; bus: NatsChangeBus }> {
  const store = new SqliteStore({ path });
  await store.init();
  const bus = new NatsChangeBus({ servers: SERVERS, name });
  closing.push(
    () => store.close(),
    () => bus.close(),
  );
  expect(await bus.ready()).toBe(true);
  // Rule 1 (user at address) after 2 free failures; the others out of the way.
  const limiter = {
    pair: { freeFailures: 2, baseDelayMs: 60_000 },
    address: { freeFailures: 1000 },
    user: { freeFailures: 1000 },
  };
  return { node: new AccordNode({ store, bus, auth: { limiter, cacheMs: 0 } }), bus };
}

describe('login throttling shared over NATS (ADR 0014)', () => {
  it('failures on one process make the pair wait on the other, even with the right password', async () => {
    const path = join(dir, 'node.db');
    const setup = new SqliteStore({ path });
    await setup.init();
    await addOrganization(setup, { id: 'uk-ncsc' });
    await addUser(
      setup,
      { username: 'alice', orgId: 'uk-ncsc', password: 'alice-password' },
      { N: 1024, r: 8, p: 1 },
    );
    await setup.close();
    const { node: a } = await processOn(path);
    const { node: b, bus: busOfB } = await processOn(path);
    // Heard after B's node (subscribed first) has counted the same notice.
    let failuresHeardByB = 0;
    busOfB.subscribe((n, source) => {
      if (n.kind === 'login' && n.outcome === 'failed' && source === 'peer') failuresHeardByB++;
    });

    // The right password on B works before anything failed.
    expect(await outcome(b, basic('alice', 'alice-password'), '192.0.2.7')).toBe('alice');
    for (let i = 0; i < 3; i++)
      expect(await outcome(a, basic('alice', 'guess'), '198.51.100.9')).toBe('CORE_UNAUTHENTICATED');
    // A refuses the pair at once; B as soon as A's notices arrive, before hashing the password.
    expect(await outcome(a, basic('alice', 'alice-password'), '198.51.100.9')).toBe('CORE_RATE_LIMITED');
    await waitFor(() => failuresHeardByB === 3, { message: "A's three failures to reach B" });
    // B itself saw no failure: only what A counted makes it refuse.
    expect(await outcome(b, basic('alice', 'alice-password'), '198.51.100.9')).toBe('CORE_RATE_LIMITED');
    // Another address of the same user is not affected on either process.
    expect(await outcome(b, basic('alice', 'alice-password'), '203.0.113.5')).toBe('alice');
  });
});
