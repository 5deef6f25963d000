/**
 * Pull: pages of the peer's collection after the persisted `added_after` cursor (TAXII 2.1
 * sections 3.4, 3.5, 5.4; all versions), each stored through core's ingest with origin
 * `peer:NAME`, produced by the organisation each version names when the peer speaks for it. The cursor moves only after a page is
 * committed, so a crash repeats at most one page, which (id, version) deduplication absorbs.
 */
import { type PolicyContext, type PolicyContexts, planFor, sightObject } from '../policy/index.js';
import { canonicalJson, type Micros, nowMicros } from '../stix/index.js';
import type { PeerRecord, PullCounts, Store } from '../store/index.js';
import type { TaxiiObject } from '../taxii/client/index.js';
import { markingRefsOf } from './marking-refs.js';
import { countAndPatch } from './peer-counters.js';
import type { PeerLink } from './peer-link.js';
import { patchPeerState, recordConflict } from './peer-state.js';
import type { IngestResult, SyncOptions } from './sync-ports.js';

/** What one pull run did. */
export interface PullReport {
  readonly pages: number;
  readonly received: number;
  /** Stored, or already there unchanged (dedupe by id and version). */
  readonly accepted: number;
  /** Echoes of this node's own (redacted) pushes, pulled back: not conflicts. */
  readonly echoes: number;
  readonly conflicts: number;
  readonly rejected: number;
  readonly rejections: readonly string[];
  /** Received objects by outcome (echoes count as unchanged; conflicts are apart). */
  readonly counts: Omit<PullCounts, 'transportErrors'>;
}

type PageCounts = { -readonly [K in keyof PullReport['counts']]: number };
const noCounts = (): PageCounts => ({ new: 0, updated: 0, unchanged: 0, refused: 0, invalid: 0 });

/** Yields an iterator's values while already fetching the next one (network beside ingest). */
async function* prefetched<T>(it: AsyncIterator<T>): AsyncGenerator<T> {
  let pending = it.next();
  pending.catch(() => undefined); // surfaced by the await below, not as an unhandled rejection
  try {
    for (;;) {
      const r = await pending;
      if (r.done) return;
      pending = it.next();
      pending.catch(() => undefined);
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}

/** Pulls everything new from one peer into its local collection; returns counts. */
export async function pullPeer(
  store: Store,
  peer: PeerRecord,
  link: PeerLink,
  opts: SyncOptions,
  signal?: AbortSignal,
): Promise<PullReport> {
  const now = opts.nowMicros ?? nowMicros;
  const origin = `peer:${peer.name}`;
  const source = { producerOrg: peer.orgId, origin, speaksFor: peer.speaksFor };
  const report = {
    pages: 0,
    received: 0,
    accepted: 0,
    echoes: 0,
    conflicts: 0,
    rejected: 0,
    rejections: [] as string[],
    counts: noCounts(),
  };
  const root = await link.apiRoot(signal);
  const state = await store.getPeerState(peer.name);
  const filter = {
    versions: ['all'],
    limit: opts.pageSize ?? 1000,
    ...(state?.pullCursor ? { addedAfter: state.pullCursor } : {}),
  };
  const call = signal ? { signal } : {};
  const pages = link.client.objectPages(root, peer.remoteCollection, filter, call);
  const lookedUp = new Set<string>();
  for await (const page of prefetched(pages)) {
    report.pages++;
    const counts = noCounts();
    if (page.objects.length > 0) {
      const markings = await missingMarkings(store, peer, link, root, page.objects, lookedUp, signal);
      const objects = [...markings, ...page.objects];
      // The page's objects follow the looked-up markings.
      const duplicates =
        page.duplicateKeys === undefined
          ? undefined
          : new Map([...page.duplicateKeys].map(([i, d]) => [i + markings.length, d]));
      const results = await opts.ingest(peer.localCollection, objects, source, duplicates);
      report.received += page.objects.length;
      await tally(store, peer, objects, results, report, counts, now(), opts.policy);
      for (const k of Object.keys(counts) as (keyof PageCounts)[]) report.counts[k] += counts[k];
    }
    // Section 3.5: X-TAXII-Date-Added-Last is where the next request resumes; the page's counts
    // are written with it.
    const cursor = page.dateAddedLast === undefined ? {} : { pullCursor: page.dateAddedLast };
    if (page.objects.length > 0) await countAndPatch(store, peer.name, { pull: counts }, cursor);
    else if (page.dateAddedLast !== undefined) await patchPeerState(store, peer.name, cursor);
  }
  if (report.received > 0)
    opts.log?.info({ peer: peer.name, ...report, rejections: undefined }, 'pulled from peer');
  return report;
}

/** Lookups of unknown marking definitions per page at most: a hostile peer cannot make us fan out. */
const MAX_MARKING_LOOKUPS = 32;

/**
 * Marking definitions the page references that this node does not know: fetched from the
 * peer's collection when it has them, so the objects are not hidden (fail closed) needlessly.
 * Each id is asked for once per run (`lookedUp`).
 */
async function missingMarkings(
  store: Store,
  peer: PeerRecord,
  link: PeerLink,
  root: string,
  objects: readonly TaxiiObject[],
  lookedUp: Set<string>,
  signal?: AbortSignal,
): Promise<TaxiiObject[]> {
  const inPage = new Set(objects.map((o) => o.id));
  const wanted = new Set<string>();
  for (const o of objects) for (const ref of markingRefsOf(o)) if (!inPage.has(ref)) wanted.add(ref);
  if (wanted.size === 0) return [];
  const known = await store.listMarkingDefinitions();
  const found: TaxiiObject[] = [];
  let lookups = 0;
  for (const id of wanted) {
    if (known.has(id) || lookedUp.has(id) || lookups >= MAX_MARKING_LOOKUPS) continue;
    lookedUp.add(id);
    lookups++;
    try {
      const env = await link.client.getObject(root, peer.remoteCollection, id, {}, signal ? { signal } : {});
      found.push(...env.objects.filter((o) => o.id === id && o.type === 'marking-definition'));
    } catch (err) {
      if (signal?.aborted) throw err;
      // Not in the peer's collection (404) or unreadable: the objects stay hidden until it arrives.
    }
  }
  return found;
}

async function tally(
  store: Store,
  peer: PeerRecord,
  objects: readonly TaxiiObject[],
  results: readonly IngestResult[],
  report: { accepted: number; echoes: number; conflicts: number; rejected: number; rejections: string[] },
  counts: PageCounts,
  at: Micros,
  policy: PolicyContexts,
): Promise<void> {
  for (const [i, r] of results.entries()) {
    if (r.status === 'accepted') {
      report.accepted++;
      counts[r.change]++;
    } else if (r.status === 'rejected') {
      report.rejected++;
      counts[r.reason]++;
      if (report.rejections.length < 20) report.rejections.push(`${r.id ?? `object ${i}`}: ${r.message}`);
    } else if (await isEcho(store, peer, objects[i], r.id, r.version, await policy.at(at))) {
      report.echoes++;
      counts.unchanged++; // our own version, as the peer was sent it
    } else {
      report.conflicts++;
      await recordConflict(store, peer, r.id, r.version, at);
    }
  }
}

/**
 * True when a differing copy is what this node itself sent the peer (its redacted view of our
 * version, pulled back): an echo of our push, not a conflict.
 */
async function isEcho(
  store: Store,
  peer: PeerRecord,
  received: TaxiiObject | undefined,
  id: string,
  version: string,
  ctx: PolicyContext,
): Promise<boolean> {
  if (received === undefined || !peer.push) return false;
  const rows = await store.getVersions(peer.localCollection, id);
  const row = rows.find((r) => r.version === version);
  const org = await store.getOrganization(peer.orgId);
  if (row === undefined || org === undefined) return false;
  const sight = planFor({ orgId: org.id, identityId: org.identityId }, ctx).see(row);
  return sight !== undefined && canonicalJson(sightObject(row, sight)) === canonicalJson(received);
}
