/**
 * The console's home page (issue 17): recent intake, advisories awaiting the caller's
 * signature, embargoes the caller's organisation co-signs that are still running, peer health
 * (administrators only, as `GET /api/peers`), recent sightings. Each part reads through the
 * caller's plan or the rule (`may`) that governs it.
 */
import { may } from '../../policy/index.js';
import { timestampMicros } from '../../stix/index.js';
import type { Caller } from '../accounts/caller.js';
import { listEmbargoes } from '../admin/list-sharing-markings.js';
import type { NodeServices } from '../node/node-services.js';
import { actorOf } from '../query/reader-of.js';
import { peerStatusesFor } from '../sync.js';
import { type AdvisoryView, listAdvisories } from './advisories.js';
import { type ObjectSummary, summaryOf } from './object-summary.js';
import { recentVisible } from './recent-visible.js';

/** Items per list of the home page. */
const ITEMS = 10;

/** The home page's parts. */
export interface Home {
  readonly recentIntake: readonly ObjectSummary[];
  readonly awaitingSignature: readonly AdvisoryView[];
  readonly embargoes: readonly {
    readonly id: string;
    readonly releaseAt: string;
    readonly cosigners: readonly string[];
  }[];
  readonly peers: readonly {
    readonly name: string;
    readonly lastSuccess: string | null;
    readonly lagSeconds: number | null;
    readonly lastError: string | null;
  }[];
  readonly recentSightings: readonly ObjectSummary[];
}

/** The home page of the caller. */
export async function homePage(node: NodeServices, caller: Caller): Promise<Home> {
  const now = node.now();
  const embargoes = (await listEmbargoes(node.store)).filter(
    (e) => e.cosigners.includes(caller.orgId) && (timestampMicros(e.release_at) ?? 0) > now,
  );
  const peers = may(actorOf(caller), 'peers.view', 'node') ? await peerStatusesFor(node.store, caller) : [];
  return {
    recentIntake: (await recentVisible(node, caller, ITEMS)).map((e) => summaryOf(e.object)),
    awaitingSignature: (await listAdvisories(node, caller)).filter((a) => a.awaitingMySignature),
    embargoes: embargoes.map((e) => ({ id: e.id, releaseAt: e.release_at, cosigners: e.cosigners })),
    peers: peers.map((p) => ({
      name: p.name,
      lastSuccess: p.lastSuccess,
      lagSeconds: p.lagSeconds,
      lastError: p.lastError,
    })),
    recentSightings: (await recentVisible(node, caller, ITEMS, ['sighting'])).map((e) => summaryOf(e.object)),
  };
}
