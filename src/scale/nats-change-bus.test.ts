import { randomUUID } from 'node:crypto';
import { connect } from 'nats';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/support/wait-for.js';
import type { ChangeNotice } from './change-notice.js';
import { NatsChangeBus } from './nats-change-bus.js';
import { natsNames } from './nats-options.js';

// The NATS server with JetStream the machine runs (.ci/run starts it when it is stopped).
const SERVERS = process.env.ACCORD_TEST_NATS ?? 'nats://127.0.0.1:4222';

const open: NatsChangeBus[] = [];
const names: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
  const nc = await connect({ servers: SERVERS });
  const jsm = await nc.jetstreamManager();
  for (const name of names.splice(0)) await jsm.streams.delete(natsNames(name).stream).catch(() => false);
  await nc.close();
});

/** A bus on a stream of its own test's, so that tests running beside each other never mix. */
function bus(name: string, options: Partial<ConstructorParameters<typeof NatsChangeBus>[0]> = {}) {
  const b = new NatsChangeBus({ servers: SERVERS, name, ...options });
  open.push(b);
  return b;
}

function testName(): string {
  const name = `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  names.push(name);
  return name;
}

describe('NatsChangeBus (issue 18)', () => {
  it('delivers a notice to the other processes once and to its own process at once', async () => {
    const name = testName();
    const [a, b, c] = [bus(name), bus(name), bus(name)];
    expect(await Promise.all([a.ready(), b.ready(), c.ready()])).toEqual([true, true, true]);
    const heard: Record<string, string[]> = { a: [], b: [], c: [] };
    a.subscribe((n, s) => heard.a?.push(`${n.kind} ${s}`));
    b.subscribe((n, s) => heard.b?.push(`${n.kind} ${s}`));
    c.subscribe((n, s) => heard.c?.push(`${n.kind} ${s}`));
    await a.publish({ kind: 'objects', collectionId: 'c1' });
    expect(heard.a).toEqual(['objects self']);
    await waitFor(() => heard.b?.length === 1 && heard.c?.length === 1, { message: 'b and c to hear a' });
    await b.publish({ kind: 'objects', collectionId: 'c2' });
    await waitFor(() => heard.a?.length === 2 && heard.c?.length === 2, { message: 'a and c to hear b' });
    expect(heard).toEqual({
      a: ['objects self', 'objects peer'],
      b: ['objects peer', 'objects self'],
      c: ['objects peer', 'objects peer'],
    });
  });

  it('keeps one copy of a notice published twice with one message id (JetStream msgID)', async () => {
    const name = testName();
    const listener = bus(name);
    expect(await listener.ready()).toBe(true);
    const heard: ChangeNotice[] = [];
    listener.subscribe((n) => heard.push(n));
    const nc = await connect({ servers: SERVERS });
    const js = nc.jetstream();
    const { subject } = natsNames(name);
    const body = (collectionId: string) =>
      new TextEncoder().encode(
        JSON.stringify({ id: 'same', origin: 'elsewhere', notice: { kind: 'objects', collectionId } }),
      );
    const first = await js.publish(subject, body('c1'), { msgID: 'n-1' });
    const again = await js.publish(subject, body('c1'), { msgID: 'n-1' });
    await js.publish(subject, body('c2'), { msgID: 'n-2' });
    await nc.close();
    expect([first.duplicate, again.duplicate]).toEqual([false, true]);
    await waitFor(() => heard.length >= 2, { message: 'two notices' });
    expect(heard).toEqual([
      { kind: 'objects', collectionId: 'c1' },
      { kind: 'objects', collectionId: 'c2' },
    ]);
  });

  it('ignores what is not a notice on its subject', async () => {
    const name = testName();
    const listener = bus(name);
    expect(await listener.ready()).toBe(true);
    const heard: ChangeNotice[] = [];
    listener.subscribe((n) => heard.push(n));
    const nc = await connect({ servers: SERVERS });
    const js = nc.jetstream();
    const { subject } = natsNames(name);
    const raw = (text: string) => js.publish(subject, new TextEncoder().encode(text));
    await raw('not json');
    await raw(JSON.stringify({ id: 'x', origin: 'o', notice: { kind: 'drop-tables' } }));
    await raw(JSON.stringify({ id: 'y', origin: 'o', notice: { kind: 'objects', collectionId: 'c9' } }));
    await nc.close();
    await waitFor(() => heard.length >= 1, { message: 'the one valid notice' });
    expect(heard).toEqual([{ kind: 'objects', collectionId: 'c9' }]);
  });

  it('without NATS it still serves its own process and reports the outage once', async () => {
    const states: string[] = [];
    const offline = bus(testName(), {
      servers: 'nats://127.0.0.1:1',
      firstConnectGraceMs: 50,
      onState: (s) => states.push(s),
    });
    const heard: string[] = [];
    offline.subscribe((n, s) => heard.push(`${n.kind} ${s}`));
    for (let i = 0; i < 20; i++) await offline.publish({ kind: 'objects', collectionId: 'c' });
    await waitFor(() => states.length > 0, { message: 'the outage to be reported' });
    await offline.publish({ kind: 'objects', collectionId: 'last' });
    expect(heard).toHaveLength(21);
    expect(heard[20]).toBe('objects self');
    expect(states).toEqual(['unavailable']);
  });
});
