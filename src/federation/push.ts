/**
 * Push: local versions after the persisted push cursor (a feed position, µs) that policy clears
 * for the peer's organisation, sent as its plan sees them (redacted), with the marking
 * definitions they reference. Nothing goes back to the peer it came from: versions received from
 * it (origin `peer:NAME`) or produced by its organisation. Objects the peer refuses in its status
 * resource (TAXII 2.1 section 4.3.1) are sent again, then recorded as refused.
 */
import { auditLevelOf, may, planFor, sightObject } from '../policy/index.js';
import { formatMicros, type MicrosClock, nowMicros, type ValidatedObject } from '../stix/index.js';
import type { AuditEvent, PeerRecord, Store, StoredObject } from '../store/index.js';
import type { StatusDetails, TaxiiObject } from '../taxii/client/index.js';
import { envelopeBatches } from './envelope-batches.js';
import { markingRefsOf } from './marking-refs.js';
import { countAndPatch } from './peer-counters.js';
import type { PeerLink } from './peer-link.js';
import { patchPeerState, recordRefusal } from './peer-state.js';
import { SyncError } from './sync-error.js';
import type { SyncOptions } from './sync-ports.js';

/** What one push run did. */
export interface PushReport {
  readonly scanned: number;
  readonly sent: number;
  readonly refused: number;
  readonly refusals: readonly string[];
}

interface Candidate {
  readonly row: StoredObject;
  readonly object: ValidatedObject | undefined;
}

/** A candidate the peer's organisation may receive. */
type Cleared = Candidate & { readonly object: ValidatedObject };

/** Pushes everything new and cleared from the peer's local collection to its remote collection. */
export async function pushPeer(
  store: Store,
  peer: PeerRecord,
  link: PeerLink,
  opts: SyncOptions,
  signal?: AbortSignal,
): Promise<PushReport> {
  const now = opts.nowMicros ?? nowMicros;
  const report = { scanned: 0, sent: 0, refused: 0, refusals: [] as string[] };
  const collection = await store.getCollection(peer.localCollection);
  const org = await store.getOrganization(peer.orgId);
  if (collection === undefined)
    throw new SyncError('SYNC_UNKNOWN_COLLECTION', `no local collection ${peer.localCollection}`);
  if (org === undefined)
    throw new SyncError('SYNC_UNKNOWN_ORG', `no organisation ${peer.orgId} on this node`);
  const reader = { orgId: org.id, identityId: org.identityId };
  if (!may(reader, 'collection.read', collection)) {
    throw new SyncError(
      'SYNC_PUSH_NOT_PERMITTED',
      `organisation ${org.id} may not read collection ${collection.id}`,
    );
  }
  const root = await link.apiRoot(signal);
  const maxBytes = (await link.apiRootInfo(signal)).max_content_length;
  const sentMarkings = new Set<string>();
  let cursor = (await store.getPeerState(peer.name))?.pushCursor;
  const origin = `peer:${peer.name}`;
  for (;;) {
    const ctx = await opts.policy.at(now());
    const plan = planFor(reader, ctx);
    const view = (row: StoredObject) => {
      const sight = plan.see(row);
      return sight === undefined ? undefined : sightObject(row, sight);
    };
    // Every row comes back (hidden ones with no object) so the cursor passes them too.
    const page = await store.queryObjects<Candidate>(
      {
        collectionId: peer.localCollection,
        versions: { kind: 'all' },
        limit: opts.pageSize ?? 1000,
        now: ctx.now,
        ...(cursor === undefined ? {} : { addedAfter: cursor }),
      },
      (row) => ({
        row,
        object: row.origin === origin || row.producerOrg === peer.orgId ? undefined : view(row),
      }),
    );
    if (page.items.length === 0) break;
    const before = { sent: report.sent, refused: report.refused };
    report.scanned += page.items.length;
    const cleared = page.items.filter((c): c is Cleared => c.object !== undefined);
    const markings: TaxiiObject[] = [];
    for (const c of cleared) {
      for (const ref of markingRefsOf(c.object)) {
        const known = ctx.definitions.get(ref);
        if (known === undefined || sentMarkings.has(ref)) continue;
        sentMarkings.add(ref);
        markings.push(JSON.parse(known.json) as TaxiiObject);
      }
    }
    const objects = [...markings, ...cleared.map((c) => c.object)];
    if (objects.length > 0) {
      await sendAll(store, peer, link, root, objects, maxBytes, opts, report, now, signal);
      const events: AuditEvent[] = [];
      for (const c of cleared) {
        const level = auditLevelOf(c.object, ctx.markings);
        if (level === undefined) continue;
        events.push({
          at: formatMicros(now(), 3),
          action: 'send',
          orgId: peer.orgId,
          objectId: c.row.id,
          objectVersion: c.row.version,
          marking: level,
          detail: `pushed to peer:${peer.name}`,
        });
      }
      if (events.length > 0) await store.appendAudit(events);
    }
    cursor = page.items[page.items.length - 1]!.row.dateAdded;
    const sent = report.sent - before.sent;
    const refused = report.refused - before.refused;
    if (sent > 0 || refused > 0)
      await countAndPatch(store, peer.name, { push: { sent, refused } }, { pushCursor: cursor });
    else await patchPeerState(store, peer.name, { pushCursor: cursor });
    if (!page.more) break;
  }
  if (report.sent > 0 || report.refused > 0)
    opts.log?.info({ peer: peer.name, ...report, refusals: undefined }, 'pushed to peer');
  return report;
}

async function sendAll(
  store: Store,
  peer: PeerRecord,
  link: PeerLink,
  root: string,
  objects: readonly TaxiiObject[],
  maxBytes: number,
  opts: SyncOptions,
  report: { sent: number; refused: number; refusals: string[] },
  now: MicrosClock,
  signal?: AbortSignal,
): Promise<void> {
  const call = signal ? { signal } : {};
  for (const batch of envelopeBatches(objects, maxBytes, opts.pageSize ?? 1000)) {
    let pending: readonly TaxiiObject[] = batch;
    let failures: readonly StatusDetails[] = [];
    for (let attempt = 0; attempt <= (opts.pushRetries ?? 2) && pending.length > 0; attempt++) {
      const first = await link.client.addObjects(root, peer.remoteCollection, pending, call);
      const status = await link.client.waitForStatus(root, first, { ...call, intervalMs: 200 });
      failures = status.failures;
      report.sent += pending.length - failures.length;
      const failed = new Set(failures.map((f) => `${f.id}|${f.version}`));
      pending = pending.filter((o) => failed.has(`${String(o.id)}|${versionOf(o)}`));
      if (pending.length < failures.length) {
        // The peer named versions we cannot match (other version rules): retrying cannot help.
        pending = [];
      }
    }
    for (const f of failures) {
      report.refused++;
      if (report.refusals.length < 20)
        report.refusals.push(`${f.id} ${f.version}: ${f.message ?? 'refused'}`);
      await recordRefusal(store, peer, f.id, f.version, f.message ?? 'refused', now());
    }
  }
}

/** The TAXII version of a STIX object: `modified`, else `created` (section 3.4.1). */
function versionOf(o: TaxiiObject): string {
  return String(o.modified ?? o.created ?? '');
}
