/**
 * Released state per node of a joint advisory (docs/decisions/0022-released-state-per-node.md):
 * this node's own decision, from its release job's audit entries (`advisory.released`,
 * `advisory.missed`), and each configured peer's, as that peer's node said it when asked after a
 * pull (federation/peer-releases.ts). Informational: nothing here decides what anyone sees. The
 * caller must already see the advisory (its visible versions are passed in). Peer names and
 * pull times are node configuration (`peers.view`): other callers get only the peers of the
 * advisory's co-signers (whom the advisory itself names), by organisation, with their state;
 * which other partners this node syncs with is not theirs to learn.
 */
import { PEER_MISSED_ACTION, PEER_RELEASED_ACTION, peerReleaseRecords } from '../../federation/index.js';
import { advisoryFacts } from '../../intel/index.js';
import { may } from '../../policy/index.js';
import { timestampMicros, versionOf } from '../../stix/index.js';
import type { Caller } from '../accounts/caller.js';
import type { NodeServices } from '../node/node-services.js';
import { actorOf } from '../query/reader-of.js';
import type { CollectedRecord } from './visible-versions.js';

export { PEER_MISSED_ACTION, PEER_RELEASED_ACTION };

/**
 * `released` / `missed`: the node's release job decided so for `version`, at `at`;
 * `pending`: this node has not decided yet; `not_seen_yet`: the peer's node has not said it
 * decided (as of the last successful pull); `not_synced`: no pull of that peer brings the
 * advisory's collection here, so it is never asked.
 */
export type NodeReleaseState = 'released' | 'missed' | 'pending' | 'not_seen_yet' | 'not_synced';

/** One node's released state; this node first, then every configured peer by name. */
export interface NodeRelease {
  /** True for this node. */
  readonly self: boolean;
  /** The peer's organisation (slug), for a peer. */
  readonly org?: string;
  /** The peer's name (callers who may see peers only). */
  readonly peer?: string;
  readonly state: NodeReleaseState;
  /** The advisory version decided (released or missed). */
  readonly version?: string;
  /** When it was decided: the release entries written, or missed found final (STIX timestamp). */
  readonly at?: string;
  /** The peer's last successful sync run (not_seen_yet, callers who may see peers only). */
  readonly lastPull?: string;
}

interface Decision {
  readonly state: 'released' | 'missed';
  readonly version: string;
  readonly at: string;
}

const versionTime = (v: string) => timestampMicros(v) ?? 0;

/** The decision on the newest version decided; released wins over missed for one version. */
function newestDecision(decisions: readonly Decision[]): Decision | undefined {
  let best: Decision | undefined;
  for (const d of decisions) {
    if (
      best === undefined ||
      versionTime(d.version) > versionTime(best.version) ||
      (d.version === best.version && d.state === 'released' && best.state === 'missed')
    )
      best = d;
  }
  return best;
}

/** This node and every configured peer, for an advisory whose visible versions are `versions`. */
export async function releaseStates(
  node: NodeServices,
  caller: Caller,
  versions: readonly CollectedRecord[],
): Promise<NodeRelease[]> {
  const id = String(versions[0]?.object.id ?? '');
  const held = new Set(versions.map((v) => String(versionOf(v.object))));
  const collections = new Set(versions.map((v) => v.collectionId));
  const seesPeers = may(actorOf(caller), 'peers.view', 'node');
  const events = await node.store.listAudit({ objectId: id });
  const own = newestDecision(
    events.flatMap((e): Decision[] => {
      const state =
        e.action === 'advisory.released' ? 'released' : e.action === 'advisory.missed' ? 'missed' : undefined;
      return state === undefined || e.objectVersion === undefined || !held.has(e.objectVersion)
        ? []
        : [{ state, version: e.objectVersion, at: e.at }];
    }),
  );
  const out: NodeRelease[] = [own === undefined ? { self: true, state: 'pending' } : { self: true, ...own }];
  const records = (await peerReleaseRecords(node.store, id)).filter((r) => held.has(r.version));
  const peers = [...(await node.store.listPeers())]
    .filter(seesPeers ? () => true : await isCosignersPeer(node, versions))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const peer of peers) {
    const named = { self: false, org: peer.orgId, ...(seesPeers ? { peer: peer.name } : {}) };
    if (!peer.pull || !collections.has(peer.localCollection)) {
      out.push({ ...named, state: 'not_synced' });
      continue;
    }
    const said = newestDecision(records.filter((r) => r.peer === peer.name));
    if (said !== undefined) {
      out.push({ ...named, state: said.state, version: said.version, at: said.at });
      continue;
    }
    const lastPull = seesPeers ? (await node.store.getPeerState(peer.name))?.lastSuccess : undefined;
    out.push({ ...named, state: 'not_seen_yet', ...(lastPull === undefined ? {} : { lastPull }) });
  }
  return out;
}

/** Whether a peer belongs to an organisation that co-signs one of the advisory's visible versions. */
async function isCosignersPeer(
  node: NodeServices,
  versions: readonly CollectedRecord[],
): Promise<(peer: { readonly orgId: string }) => boolean> {
  const cosigners = new Set(versions.flatMap((v) => advisoryFacts(v.object)?.cosigners ?? []));
  const orgs = await node.store.listOrganizations();
  const named = new Set(orgs.filter((o) => cosigners.has(o.identityId)).map((o) => o.id));
  return (peer) => named.has(peer.orgId);
}
