/**
 * bench/policy: TAXII paging throughput with the policy on, over 1,000,000 marked objects
 * (TLP 2.0 GREEN/AMBER/AMBER+STRICT/RED with sharing groups, granular redaction, hidden objects,
 * embargo release entries) beside the same paging over as many unmarked objects, in one run
 * and one store. Pages of 1000:
 *   - over HTTP: TAXII GET objects with `next`, as a reader organisation (audit of AMBER/RED
 *     reads on, as in production) — the figure issue 5 asks for;
 *   - through core (AccordNode.queryObjects, what the TAXII routes call, without HTTP or audit),
 *     a stricter view of the same cost;
 *   - the store query with the policy view versus a bare JSON.parse view.
 * BENCH_SCALE scales the object count (e.g. BENCH_SCALE=0.1); BENCH_CLOCK=cpu times in CPU
 * seconds of this process, which holds the server and the client (bench/bench-clock.ts).
 * Goal: policy costs < 25%.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccordNode, addUser, type Caller } from '../src/core/index.js';
import {
  buildMarkingIndex,
  embargoMarking,
  granularViewsOf,
  planFor,
  sharingGroupMarking,
  sightObject,
} from '../src/policy/index.js';
import { buildServer } from '../src/server/index.js';
import { asMicros, nowMicros, TLP_V2 } from '../src/stix/index.js';
import type { Cursor, NewVersion, Store, StoredObject } from '../src/store/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { clockMs, PER } from './bench-clock.js';
import { countOf, getBytes, keepAlive, nextOf } from './lean-http-client.js';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const N = Math.max(2000, Math.round(1_000_000 * SCALE));
const BATCH = 5000;
const PAGE = 1000;
const BASE = asMicros(Date.UTC(2025, 0, 1) * 1000);
const ID = {
  producer: `identity--${randomUUID()}`,
  reader: `identity--${randomUUID()}`,
  other: `identity--${randomUUID()}`,
};
const reader: Caller = { username: 'reader', orgId: 'reader', identityId: ID.reader, role: 'reader' };

const groupIn = sharingGroupMarking({
  name: 'with reader',
  members: [ID.producer, ID.reader],
  createdByRef: ID.producer,
});
const groupOut = sharingGroupMarking({
  name: 'without reader',
  members: [ID.producer, ID.other],
  createdByRef: ID.producer,
});
const embargo = embargoMarking({
  releaseAt: new Date((BASE + 500_000) / 1000).toISOString(),
  cosigners: [ID.other],
  createdByRef: ID.producer,
});

/** The marking mix of object i: 40% GREEN, 20% AMBER, 20% RED+group, 10% granular RED, 5% hidden, 5% AMBER+STRICT or embargo. */
function markingsOf(i: number, firstBatch: boolean): Record<string, unknown> {
  const k = i % 20;
  if (k < 8) return { object_marking_refs: [TLP_V2.green.id] };
  if (k < 12) return { object_marking_refs: [TLP_V2.amber.id] };
  if (k < 16) return { object_marking_refs: [TLP_V2.red.id, groupIn.id] };
  if (k < 18)
    return {
      object_marking_refs: [TLP_V2.green.id],
      granular_markings: [{ marking_ref: TLP_V2.red.id, selectors: ['description', 'labels.[1]'] }],
    };
  if (k === 18) return { object_marking_refs: [TLP_V2.red.id, groupOut.id] };
  return { object_marking_refs: firstBatch ? [TLP_V2.green.id, embargo.id] : [TLP_V2['amber+strict'].id] };
}

function indicator(i: number, marks: Record<string, unknown>): Record<string, unknown> {
  const h = i.toString(16).padStart(12, '0');
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--00000000-0000-4000-8000-${h}`,
    created: '2024-06-01T00:00:00.000Z',
    modified: '2024-06-01T00:00:00.000Z',
    name: `Malicious domain ${i}`,
    description: `Command-and-control domain observed in campaign ${i % 97}; block at the resolver.`,
    pattern: `[domain-name:value = 'c2-${i}.example.net']`,
    pattern_type: 'stix',
    valid_from: '2024-06-01T00:00:00Z',
    labels: ['malicious-activity', 'c2'],
    ...marks,
  };
}

async function load(
  store: Store,
  collectionId: string,
  marked: boolean,
  clock: { t: number },
): Promise<void> {
  for (let start = 0; start < N; start += BATCH) {
    const versions: NewVersion[] = [];
    for (let i = start; i < Math.min(N, start + BATCH); i++) {
      const object = indicator(i, marked ? markingsOf(i, start === 0) : {});
      // Core's ingest works out the granular views of such versions as it stores them.
      const views = object.granular_markings === undefined ? undefined : granularViewsOf(object);
      versions.push({
        object,
        producerOrg: 'producer',
        origin: 'local',
        ...(views === undefined ? {} : { granularViews: views }),
      });
    }
    clock.t = asMicros(BASE + (start / BATCH) * 1_000_000);
    const outcomes = await store.addVersions(collectionId, versions);
    if (marked && start === 0) {
      // Embargoed versions of the first batch get their released entry (as core's ingest does).
      for (const [j, o] of outcomes.entries())
        if (j % 20 === 19) await store.addReleaseEntry(o.seq, asMicros(BASE + 500_000));
    }
  }
}

/** A page's items are counted after the page's time is taken (a lazy `count` is the bench's own work). */
type Reader = (
  cursor: Cursor | undefined,
) => Promise<{ items?: readonly unknown[]; count?: () => number; next?: Cursor }>;

/**
 * Pages through two collections in lock-step, one page of each in turn, timing each side
 * separately: noise from other processes on the machine then weighs on both sides alike.
 */
async function pageBoth(a: Reader, b: Reader) {
  const side = () => ({ count: 0, seconds: 0, cursor: undefined as Cursor | undefined, done: false });
  const sides = [side(), side()];
  const readers = [a, b];
  while (!sides.every((s) => s.done)) {
    for (const [i, s] of sides.entries()) {
      if (s.done) continue;
      const started = clockMs();
      const page = await readers[i]!(s.cursor);
      s.seconds += (clockMs() - started) / 1000;
      s.count += page.count?.() ?? page.items?.length ?? 0;
      s.cursor = page.next;
      s.done = page.next === undefined;
    }
  }
  return sides as [ReturnType<typeof side>, ReturnType<typeof side>];
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const TYPE_KEY = Buffer.from('"type":"indicator"');

/**
 * A Reader paging a collection over TAXII: a lean client, bytes not parsed, objects counted off
 * the clock (the server's rate).
 */
function viaHttp(base: string, collectionId: string, headers: Record<string, string>): Reader {
  return async (cursor) => {
    const url = `${base}/taxii2/api/collections/${collectionId}/objects/?limit=${PAGE}${cursor ? `&next=${encodeURIComponent(cursor)}` : ''}`;
    const body = await getBytes(url, headers);
    const next = nextOf(body);
    return { count: () => countOf(body, TYPE_KEY), ...(next ? { next: next as Cursor } : {}) };
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-policy-'));
  const clock = { t: BASE };
  const store = new SqliteStore({ path: join(dir, 'bench.db'), clock: () => clock.t });
  try {
    await store.init();
    for (const [id, identityId] of Object.entries(ID))
      await store.addOrganization({ id, name: id, identityId });
    for (const d of [groupIn, groupOut, embargo])
      await store.putMarkingDefinition(String(d.id), JSON.stringify(d), { kind: 'node' });
    const coll = (title: string) => ({
      id: randomUUID(),
      title,
      canRead: ['*'],
      canWrite: ['producer'],
      mediaTypes: [],
    });
    const plain = coll('unmarked');
    const marked = coll('marked');
    await store.addCollection(plain);
    await store.addCollection(marked);
    const loadStart = clockMs();
    await load(store, plain.id, false, clock);
    await load(store, marked.id, true, clock);
    console.log(`loaded ${fmt(2 * N)} versions in ${((clockMs() - loadStart) / 1000).toFixed(1)} ${PER}`);

    await addUser(store, { username: 'reader', orgId: 'reader', password: 'reader-password' });
    const app = buildServer({ store });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const headers = {
      accept: 'application/taxii+json;version=2.1',
      authorization: `Basic ${Buffer.from('reader:reader-password').toString('base64')}`,
    };
    const now = nowMicros();
    const node = new AccordNode({ store, now: () => now });
    const viaCore = (c: string) => (cursor: Cursor | undefined) =>
      node.queryObjects(reader, c, { limit: PAGE, ...(cursor ? { cursor } : {}) }, 'manifest');
    const ctx = {
      markings: buildMarkingIndex((await store.listMarkingDefinitions()).values()),
      now,
      identityOfOrg: () => undefined,
    };
    const plan = planFor(reader, ctx);
    const policyView = (row: StoredObject) => {
      const sight = plan.see(row);
      return sight === undefined ? undefined : sightObject(row, sight);
    };
    const viaStore =
      (c: string, view: (row: StoredObject) => object | undefined) => (cursor: Cursor | undefined) =>
        store.queryObjects({ collectionId: c, limit: PAGE, now, ...(cursor ? { cursor } : {}) }, view);
    const bare = (row: { json: string }) => JSON.parse(row.json) as Record<string, unknown>;
    // The same rows hidden as the policy hides for this reader (object i with i % 20 == 18), no other work:
    // separates the store's cost of skipping hidden rows from the cost of the decisions themselves.
    const bareHiding = (row: { id: string; json: string }) =>
      Number.parseInt(row.id.slice(-12), 16) % 20 === 18 ? undefined : bare(row);

    // Lock-step paging, three rounds; each side keeps its best round.
    const best = {
      httpPlain: Infinity,
      httpMarked: Infinity,
      corePlain: Infinity,
      coreMarked: Infinity,
      storePlain: Infinity,
      storeMarked: Infinity,
      storeHiding: Infinity,
      storeMarked2: Infinity,
    };
    let counts = { plain: 0, marked: 0 };
    let httpCounts = { plain: 0, marked: 0 };
    for (let round = 0; round < 3; round++) {
      const [hp, hm] = await pageBoth(viaHttp(base, plain.id, headers), viaHttp(base, marked.id, headers));
      best.httpPlain = Math.min(best.httpPlain, hp.seconds);
      best.httpMarked = Math.min(best.httpMarked, hm.seconds);
      httpCounts = { plain: hp.count, marked: hm.count };
      const [p, m] = await pageBoth(viaCore(plain.id), viaCore(marked.id));
      const [sp, sm] = await pageBoth(viaStore(marked.id, bare), viaStore(marked.id, policyView));
      best.corePlain = Math.min(best.corePlain, p.seconds);
      best.coreMarked = Math.min(best.coreMarked, m.seconds);
      best.storePlain = Math.min(best.storePlain, sp.seconds);
      best.storeMarked = Math.min(best.storeMarked, sm.seconds);
      const [sh, sm2] = await pageBoth(viaStore(marked.id, bareHiding), viaStore(marked.id, policyView));
      best.storeHiding = Math.min(best.storeHiding, sh.seconds);
      best.storeMarked2 = Math.min(best.storeMarked2, sm2.seconds);
      counts = { plain: p.count, marked: m.count };
    }
    const rows = N; // added entries per collection (plus a few released entries in the marked one)
    console.log(
      `objects per collection: ${fmt(N)}; reader receives ${fmt(counts.plain)} unmarked, ${fmt(counts.marked)} marked`,
    );
    if (httpCounts.plain !== counts.plain || httpCounts.marked !== counts.marked) {
      throw new Error(
        `TAXII paging received ${httpCounts.plain}/${httpCounts.marked} objects, core ${counts.plain}/${counts.marked}`,
      );
    }
    console.log(
      `TAXII paging (HTTP, audit on), unmarked (baseline): ${fmt(rows / best.httpPlain)} entries/${PER}`,
    );
    console.log(
      `TAXII paging (HTTP, audit on), marked:              ${fmt(rows / best.httpMarked)} entries/${PER}  throughput ratio ${(best.httpPlain / best.httpMarked).toFixed(2)} (policy costs ${(100 * (1 - best.httpPlain / best.httpMarked)).toFixed(1)}%)  goal < 25%`,
    );
    console.log(`core paging, unmarked (baseline): ${fmt(rows / best.corePlain)} entries/${PER}`);
    console.log(
      `core paging, marked:              ${fmt(rows / best.coreMarked)} entries/${PER}  throughput ratio ${(best.corePlain / best.coreMarked).toFixed(2)} (policy costs ${(100 * (1 - best.corePlain / best.coreMarked)).toFixed(1)}%)`,
    );
    console.log(
      `store paging of marked rows, bare JSON.parse view (baseline): ${fmt(rows / best.storePlain)} entries/${PER}`,
    );
    console.log(
      `store paging of marked rows, policy view:                     ${fmt(rows / best.storeMarked)} entries/${PER}  throughput ratio ${(best.storePlain / best.storeMarked).toFixed(2)} (policy costs ${(100 * (1 - best.storePlain / best.storeMarked)).toFixed(1)}%)`,
    );
    console.log(
      `store paging of marked rows, bare view hiding the same rows (baseline): ${fmt(rows / best.storeHiding)} entries/${PER}`,
    );
    console.log(
      `store paging of marked rows, policy view:                                 ${fmt(rows / best.storeMarked2)} entries/${PER}  throughput ratio ${(best.storeHiding / best.storeMarked2).toFixed(2)} (decisions cost ${(100 * (1 - best.storeHiding / best.storeMarked2)).toFixed(1)}%)`,
    );
    await app.close();
  } finally {
    keepAlive.destroy();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
