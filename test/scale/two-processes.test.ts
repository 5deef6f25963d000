/**
 * Two `accord serve` processes on one database joined by NATS (issue 18, "What it must show"):
 * 4 concurrent writers and 3 pollers (added_after chaining, `next` switching process on every
 * page, manifest) while one process is SIGKILLed mid-ingest and its writers retry on the other;
 * every acknowledged version is seen exactly once by every poller, in strictly rising
 * date_added. An embargo is released once and seen on both processes within 1 s of its time,
 * also when the process that ingested it was killed in between; a joint advisory, whose release
 * is a write made by the release job every process runs, is released and audited once, also
 * when one of the two processes is killed just before its time.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCollection,
  addOrganization,
  addUser,
  draftJointAdvisory,
  nodeServices,
  signJointAdvisory,
} from '../../src/core/index.js';
import { embargoMarking } from '../../src/policy/index.js';
import { natsNames } from '../../src/scale/index.js';
import { openStore } from '../../src/store/index.js';
import {
  createScratchDatabase,
  type ScratchDatabase,
  TEST_PG_URL,
  unreachable,
} from '../../src/store/postgres/scratch-database.js';
import { cli, freePort } from '../federation/support/node-process.js';
import { eventually, waitFor } from '../support/wait-for.js';
import { ServeProcess } from './support/serve-process.js';
import { micros, pw, type Reply, taxii, versionKey } from './support/taxii-http.js';

const NATS = process.env.ACCORD_TEST_NATS ?? 'nats://127.0.0.1:4222';
const COLLECTION = '9c1e4d2a-7b3f-4e60-8d1c-2a3b4c5d6e7f';
const ORGS = {
  us: 'identity--8f4a2d40-0000-4000-8000-0000000000e1',
  uk: 'identity--8f4a2d40-0000-4000-8000-0000000000e2',
  press: 'identity--8f4a2d40-0000-4000-8000-0000000000e3',
} as const;
const WRITERS = 4;
const ENVELOPES = 30;
const PER_ENVELOPE = 10;
const KILL_AFTER_ACKS = 30;

const dir = mkdtempSync(join(tmpdir(), 'accord-two-processes-'));
// The processes and CLI runs this test starts inherit the key that seals peer passwords.
const KEY = randomBytes(32);
process.env.ACCORD_SECRET_KEY = KEY.toString('base64');
const secretKey = { key: KEY, origin: 'the test key' };
const streams: string[] = [];
let scratch: ScratchDatabase | undefined;

// One database of each backend STORE_BACKENDS selects; PostgreSQL when it answers.
const selected = (process.env.STORE_BACKENDS ?? 'sqlite,postgres').split(',').map((b) => b.trim());
const pgMissing = selected.includes('postgres') ? await unreachable() : 'not selected by STORE_BACKENDS';
const backends = [
  ...(selected.includes('sqlite')
    ? [{ name: 'SQLite file', database: async () => join(dir, 'accord.db') }]
    : []),
  ...(pgMissing === undefined
    ? [
        {
          name: 'PostgreSQL',
          database: async () => {
            scratch ??= await createScratchDatabase();
            return scratch.schemaUrl();
          },
        },
      ]
    : []),
];
if (selected.includes('postgres') && pgMissing !== undefined)
  console.warn(`two-processes: PostgreSQL skipped (${TEST_PG_URL}: ${pgMissing})`);

/** The database the processes share, and the processes. */
let db: string;
let procs: [ServeProcess, ServeProcess];

/** Organisations, users and the shared collection; then both processes, joined by NATS. */
async function startNode(database: string): Promise<void> {
  db = database;
  const store = await openStore(db, { secretKey });
  for (const [id, identityId] of Object.entries(ORGS)) await addOrganization(store, { id, identityId });
  const fast = { N: 1024, r: 8, p: 1 };
  const users = [
    ['writer-us', 'us', 'editor'],
    ['writer-uk', 'uk', 'editor'],
    ['press', 'press', 'reader'],
  ] as const;
  for (const [username, orgId, role] of users)
    await addUser(store, { username, orgId, role, password: pw(username) }, fast);
  await addCollection(store, { id: COLLECTION, title: 'Shared', canRead: ['*'], canWrite: ['*'] });
  await store.close();
  const natsName = `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  streams.push(natsNames(natsName).stream, `${natsName.toUpperCase()}_WORK`);
  const env = { ACCORD_NATS: NATS, ACCORD_NATS_NAME: natsName };
  procs = [
    new ServeProcess('a', db, await freePort(), env),
    new ServeProcess('b', db, await freePort(), env),
  ];
  traffic.answered = [0, 0];
  traffic.retried = 0;
  await Promise.all(procs.map((p) => p.start()));
}

afterAll(async () => {
  const nc = await connect({ servers: NATS });
  const jsm = await nc.jetstreamManager();
  for (const stream of streams) await jsm.streams.delete(stream).catch(() => false);
  await nc.close();
  await scratch?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Requests each process answered, and requests retried on the other process. */
const traffic = { answered: [0, 0], retried: 0 };

/** One request to process `i`, or to the other when `i` is down (a load balancer's retry). */
async function either(i: number, path: string, user: string, body?: unknown): Promise<Reply> {
  for (let attempt = 0; ; attempt++) {
    const which = (i + attempt) % 2;
    const proc = procs[which] as ServeProcess;
    if (attempt > 0) traffic.retried++;
    try {
      const reply = await taxii(proc.url, path, user, body);
      if (reply.status < 500) {
        (traffic.answered[which] as number)++;
        return reply;
      }
    } catch {
      // Refused or reset: that process is down; the next attempt goes to the other.
    }
    if (attempt > 400) throw new Error(`no process answered ${path}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function indicator(w: number, k: number, j: number, modified = '2024-07-19T09:00:00.000Z') {
  const id = `indicator--${w.toString(16).padStart(8, '0')}-${k.toString(16).padStart(4, '0')}-4${j.toString(16).padStart(3, '0')}-8000-000000000000`;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id,
    created: '2024-07-19T09:00:00.000Z',
    modified,
    name: `writer ${w} envelope ${k} object ${j}`,
    pattern: `[domain-name:value = 'w${w}-k${k}-j${j}.example.com']`,
    pattern_type: 'stix',
    valid_from: '2024-07-19T09:00:00Z',
  };
}

/**
 * Writer `w`: envelopes alternating between the processes, each retried until acknowledged;
 * at least ENVELOPES, and on until `enough` says both processes have taken writes again.
 */
async function writer(
  w: number,
  acked: Set<string>,
  onAck: () => void,
  enough: () => boolean,
): Promise<number> {
  const user = w % 2 === 0 ? 'writer-us' : 'writer-uk';
  let k = 0;
  for (; k < ENVELOPES || !enough(); k++) {
    const objects = Array.from({ length: PER_ENVELOPE }, (_, j) => indicator(w, k, j));
    // A new version of an object of the previous envelope: versions, not only new ids.
    if (k > 0) objects.push(indicator(w, k - 1, 0, new Date(Date.UTC(2024, 6, 19, 10, 0, k)).toISOString()));
    const reply = await either(w + k, `collections/${COLLECTION}/objects/`, user, { objects });
    expect(reply.status, JSON.stringify(reply.body)).toBe(202);
    expect(reply.body.status).toBe('complete');
    expect(reply.body.success_count).toBe(objects.length);
    for (const o of objects) acked.add(versionKey(o.id, o.modified));
    // The status resource, asked of the other process (it may be that one that is down).
    const status = await either(w + k + 1, `status/${String(reply.body.id)}/`, user);
    expect(status.status).toBe(200);
    expect(status.body).toEqual(reply.body);
    onAck();
  }
  return k;
}

/** What one poller saw: each version's count, and any break of the feed's order. */
class Poller {
  readonly seen = new Map<string, number>();
  readonly broken: string[] = [];
  #after: string | undefined;
  #last = 0;
  #turn = 0;

  constructor(
    readonly name: string,
    readonly endpoint: 'objects' | 'manifest',
    readonly follow: 'added_after' | 'next',
  ) {}

  /** Pages until the feed has nothing more for now, switching process on every request. */
  async round(): Promise<number> {
    let cursor: string | undefined;
    let count = 0;
    for (;;) {
      const params = new URLSearchParams({ limit: '25', 'match[version]': 'all' });
      if (this.#after !== undefined) params.set('added_after', this.#after);
      if (cursor !== undefined) params.set('next', cursor);
      const reply = await either(
        this.#turn++,
        `collections/${COLLECTION}/${this.endpoint}/?${params}`,
        'press',
      );
      if (reply.status !== 200)
        throw new Error(`${this.name}: ${reply.status} ${JSON.stringify(reply.body)}`);
      const objects = (reply.body.objects ?? []) as Record<string, unknown>[];
      if (objects.length > 0) {
        const first = micros(reply.headers.get('x-taxii-date-added-first'));
        const last = micros(reply.headers.get('x-taxii-date-added-last'));
        if (first <= this.#last)
          this.broken.push(`${this.name}: page starts at ${first} after ${this.#last}`);
        let previous = this.#last;
        for (const o of objects) {
          const key = versionKey(o.id, this.endpoint === 'manifest' ? o.version : (o.modified ?? o.created));
          this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
          if (this.endpoint === 'manifest') {
            const added = micros(o.date_added);
            if (added <= previous)
              this.broken.push(`${this.name}: ${key} added at ${added} after ${previous}`);
            previous = added;
          }
        }
        this.#last = last;
        count += objects.length;
      }
      const more = reply.body.more === true;
      if (this.follow === 'next' && more) {
        cursor = String(reply.body.next);
        continue;
      }
      // The next request (or round) asks for what was added after this page.
      const lastHeader = reply.headers.get('x-taxii-date-added-last');
      if (lastHeader !== null) this.#after = lastHeader;
      cursor = undefined;
      if (!more) return count;
    }
  }
}

describe.each(backends)('two accord serve processes on one $name with NATS (issue 18)', ({ database }) => {
  beforeAll(async () => startNode(await database()), 60_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill()));
  });

  it('4 writers, 3 pollers, one process SIGKILLed mid-ingest: every acknowledged version once, in order', async () => {
    const acked = new Set<string>();
    let acks = 0;
    let acksOnceBack: number | undefined;
    let restarted: Promise<void> | undefined;
    const onAck = () => {
      acks++;
      // SIGKILL b while the other writers' envelopes are in flight, then bring it back.
      if (acks === KILL_AFTER_ACKS)
        restarted = procs[1].kill().then(async () => {
          await new Promise((r) => setTimeout(r, 300));
          await procs[1].start();
          acksOnceBack = acks;
        });
    };
    // Writing goes on until both processes have taken writes again for a while.
    const enough = () => acksOnceBack !== undefined && acks - acksOnceBack >= 60;
    const pollers = [
      new Poller('added_after chaining', 'objects', 'added_after'),
      new Poller('next switching process', 'objects', 'next'),
      new Poller('manifest', 'manifest', 'next'),
    ];
    let stop = false;
    const polling = pollers.map(async (p) => {
      while (!stop) if ((await p.round()) === 0) await new Promise((r) => setTimeout(r, 30));
    });
    const written = await Promise.all(
      Array.from({ length: WRITERS }, (_, w) => writer(w, acked, onAck, enough)),
    );
    expect(restarted, 'b was killed mid-ingest').toBeDefined();
    await restarted;
    expect(acked.size).toBe(written.reduce((sum, k) => sum + k * PER_ENVELOPE + k - 1, 0));
    await waitFor(() => pollers.every((p) => [...acked].every((key) => p.seen.has(key))), {
      timeout: 60_000,
      interval: 100,
      message: 'every poller to see every acknowledged version',
    });
    stop = true;
    await Promise.all(polling);
    // One more round each: nothing appears twice later on.
    for (const p of pollers) await p.round();
    // Both processes answered, and the kill sent requests to the other one.
    expect(
      traffic.answered.every((n) => n > 100),
      JSON.stringify(traffic),
    ).toBe(true);
    expect(traffic.retried).toBeGreaterThan(0);
    for (const p of pollers) {
      expect(p.broken, p.name).toEqual([]);
      expect(
        [...p.seen].filter(([, n]) => n !== 1),
        `${p.name}: seen more than once`,
      ).toEqual([]);
      expect(new Set(p.seen.keys()), `${p.name}: exactly the acknowledged versions`).toEqual(acked);
    }
  }, 240_000);

  it('an embargo is released once and seen on both processes within 1 s, though its ingesting process was killed', async () => {
    const releaseMs = Date.now() + 8000;
    const embargo = embargoMarking({
      releaseAt: new Date(releaseMs).toISOString(),
      cosigners: [ORGS.us, ORGS.uk],
      createdByRef: ORGS.us,
    });
    const advisory = { ...indicator(99, 0, 0), object_marking_refs: [embargo.id] };
    const posted = await taxii(procs[0].url, `collections/${COLLECTION}/objects/`, 'writer-us', {
      objects: [embargo, advisory],
    });
    expect(posted.body.success_count).toBe(2);
    await procs[0].kill();
    const entries = async (proc: ServeProcess) => {
      const params = new URLSearchParams({ 'match[id]': advisory.id, 'match[version]': 'all' });
      const reply = await taxii(proc.url, `collections/${COLLECTION}/manifest/?${params}`, 'press');
      return (reply.body.objects ?? []) as Record<string, unknown>[];
    };
    // Before its time press sees nothing of it (only answers that came back before count).
    expect(await entries(procs[1])).toEqual([]);
    await procs[0].start();
    if (Date.now() < releaseMs) expect(await entries(procs[0])).toEqual([]);
    await waitFor(() => Date.now() >= releaseMs, { timeout: 20_000, message: 'the release time' });
    const seenIn = (proc: ServeProcess) =>
      eventually(async () => (await entries(proc)).length > 0, {
        timeout: Math.max(0, releaseMs + 1000 - Date.now()),
        interval: 20,
      });
    const [onA, onB] = await Promise.all([seenIn(procs[0]), seenIn(procs[1])]);
    expect({ onA, onB }).toEqual({ onA: true, onB: true });
    // Released once: one entry, at the release time, the same on both.
    const [a, b] = [await entries(procs[0]), await entries(procs[1])];
    expect(a).toHaveLength(1);
    expect(b).toEqual(a);
    expect(micros(a[0]?.date_added)).toBeGreaterThanOrEqual(releaseMs * 1000);
  }, 60_000);

  /**
   * Drafts a joint advisory of us and uk beside the running servers, signed by both: the use
   * cases `accord advisory draft` and `sign` run, on a connection of their own to the database.
   */
  async function sealedAdvisory(releaseMs: number): Promise<string> {
    const store = await openStore(db, { secretKey });
    try {
      const node = nodeServices(store);
      const id = await draftJointAdvisory(node, {
        username: 'writer-us',
        collectionId: COLLECTION,
        title: 'Joint advisory',
        body: '# Patch now',
        cosigners: ['us', 'uk'],
        releaseAt: new Date(releaseMs).toISOString(),
        tlp: 'green',
      });
      await signJointAdvisory(node, 'writer-us', id);
      await signJointAdvisory(node, 'writer-uk', id);
      return id;
    } finally {
      await store.close();
    }
  }

  /** The advisory's entries press gets from a process's manifest. */
  async function pressEntries(proc: ServeProcess, id: string): Promise<Record<string, unknown>[]> {
    const params = new URLSearchParams({ 'match[id]': id, 'match[version]': 'all' });
    const reply = await taxii(proc.url, `collections/${COLLECTION}/manifest/?${params}`, 'press');
    return (reply.body.objects ?? []) as Record<string, unknown>[];
  }

  /** The audit log's `advisory.released` records of an advisory (read beside the servers). */
  async function releasedRecords(id: string): Promise<number> {
    const store = await openStore(db, { secretKey });
    try {
      return (await store.listAudit({ objectId: id })).filter((e) => e.action === 'advisory.released').length;
    } finally {
      await store.close();
    }
  }

  it('a joint advisory is released and audited once by two release jobs, also with one killed before its time', async () => {
    // Room to draft and sign both before the first release time, even on a loaded machine.
    const raced = Date.now() + 6000;
    const lone = raced + 3000;
    // Both running at the first release time: their release jobs race.
    const racedId = await sealedAdvisory(raced);
    // One killed a second before the second release time, and started again after it.
    const loneId = await sealedAdvisory(lone);
    const before = await pressEntries(procs[0], racedId);
    if (Date.now() < raced) expect(before).toEqual([]);
    for (const [releaseMs, id] of [
      [raced, racedId],
      [lone, loneId],
    ] as const) {
      if (id === loneId) {
        await waitFor(() => Date.now() >= releaseMs - 1000, { timeout: 20_000, message: 'a second before' });
        await procs[0].kill();
      }
      await waitFor(() => Date.now() >= releaseMs, { timeout: 20_000, message: 'the release time' });
      const running = procs.filter((p) => p.running);
      const seen = await Promise.all(
        running.map((p) =>
          eventually(async () => (await pressEntries(p, id)).length > 0, {
            timeout: Math.max(0, releaseMs + 1000 - Date.now()),
            interval: 20,
          }),
        ),
      );
      expect(seen, `seen within 1 s on ${running.map((p) => p.name)}`).toEqual(running.map(() => true));
      if (!procs[0].running) await procs[0].start();
      const [a, b] = [await pressEntries(procs[0], id), await pressEntries(procs[1], id)];
      expect(a).toHaveLength(1);
      expect(b).toEqual(a);
      expect(micros(a[0]?.date_added)).toBe(releaseMs * 1000);
      // The release job records its decision after writing the entries press already sees.
      await waitFor(async () => (await releasedRecords(id)) > 0, { message: 'the release in the audit log' });
      expect(await releasedRecords(id)).toBe(1);
    }
  }, 90_000);

  it('a disabled user is refused by both processes within a second, and let in again once enabled', async () => {
    const discovery = async (proc: ServeProcess) => (await taxii(proc.url, 'collections/', 'press')).status;
    expect(await Promise.all(procs.map(discovery))).toEqual([200, 200]);
    for (const [command, expected] of [
      ['disable', 401],
      ['enable', 200],
    ] as const) {
      const r = await cli(['user', command, 'press', '--db', db]);
      expect(r.code, r.stderr).toBe(0);
      const changed = Date.now();
      const seen = await Promise.all(
        procs.map((p) =>
          eventually(async () => (await discovery(p)) === expected, {
            timeout: Math.max(0, changed + 1000 - Date.now()),
            interval: 20,
          }),
        ),
      );
      expect(seen, `press ${command}d on both`).toEqual([true, true]);
    }
  }, 60_000);
});
