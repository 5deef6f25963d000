/** The health of each peer for `accord peer list` and `GET /api/peers`: configuration (no password), state, lag, conflicts. */
import { asMicros, formatMicros } from '../stix/index.js';
import type { PeerCounters, PeerRecord, Store } from '../store/index.js';
import { addCounters } from './peer-counters.js';
import { CONFLICT_ACTION, REFUSED_ACTION } from './peer-state.js';

/** One conflict or refusal as shown. */
export interface SyncIncident {
  readonly at: string;
  readonly objectId?: string;
  readonly objectVersion?: string;
  readonly detail?: string;
}

/** A peer as shown to people and the API; the password never leaves the store. */
export interface PeerStatus {
  readonly name: string;
  readonly url: string;
  readonly username: string;
  readonly remoteCollection: string;
  readonly localCollection: string;
  readonly orgId: string;
  readonly pull: boolean;
  readonly push: boolean;
  readonly intervalSeconds: number;
  /** Pull position on the peer's feed (its date_added). */
  readonly pullCursor: string | null;
  /** Push position on the local feed, as a timestamp. */
  readonly pushCursor: string | null;
  readonly lastSuccess: string | null;
  readonly lastAttempt: string | null;
  readonly lastError: string | null;
  /** Seconds since the last successful sync (null when never). */
  readonly lagSeconds: number | null;
  readonly conflicts: number;
  readonly refused: number;
  /** Cumulative counts per direction: pull new, updated, unchanged, refused, invalid, transport errors; push sent, refused, transport errors. */
  readonly counters: PeerCounters;
  /** The most recent conflicts and refusals (up to 10 each), newest last. */
  readonly recentConflicts: readonly SyncIncident[];
  readonly recentRefusals: readonly SyncIncident[];
}

function incident(e: {
  at: string;
  objectId?: string;
  objectVersion?: string;
  detail?: string;
}): SyncIncident {
  return {
    at: e.at,
    ...(e.objectId ? { objectId: e.objectId } : {}),
    ...(e.objectVersion ? { objectVersion: e.objectVersion } : {}),
    ...(e.detail ? { detail: e.detail } : {}),
  };
}

/** The status of one peer at `nowMs`. */
export async function peerStatus(
  store: Store,
  peer: PeerRecord,
  nowMs: number = Date.now(),
): Promise<PeerStatus> {
  const state = await store.getPeerState(peer.name);
  const tag = `peer:${peer.name}:`;
  const events = (await store.listAudit({ orgId: peer.orgId })).filter((e) => e.detail?.startsWith(tag));
  const conflicts = events.filter((e) => e.action === CONFLICT_ACTION);
  const refusals = events.filter((e) => e.action === REFUSED_ACTION);
  const last = state?.lastSuccess === undefined ? Number.NaN : Date.parse(state.lastSuccess);
  return {
    name: peer.name,
    url: peer.url,
    username: peer.username,
    remoteCollection: peer.remoteCollection,
    localCollection: peer.localCollection,
    orgId: peer.orgId,
    pull: peer.pull,
    push: peer.push,
    intervalSeconds: peer.intervalSeconds,
    pullCursor: state?.pullCursor ?? null,
    pushCursor: state?.pushCursor === undefined ? null : formatMicros(asMicros(state.pushCursor), 3),
    lastSuccess: state?.lastSuccess ?? null,
    lastAttempt: state?.lastAttempt ?? null,
    lastError: state?.lastError ?? null,
    lagSeconds: Number.isNaN(last) ? null : Math.max(0, Math.round((nowMs - last) / 1000)),
    conflicts: conflicts.length,
    refused: refusals.length,
    counters: addCounters(state?.counters, {}),
    recentConflicts: conflicts.slice(-10).map(incident),
    recentRefusals: refusals.slice(-10).map(incident),
  };
}

/** The status of every configured peer, by name. */
export async function listPeerStatus(store: Store, nowMs: number = Date.now()): Promise<PeerStatus[]> {
  const peers = await store.listPeers();
  return Promise.all(peers.map((p) => peerStatus(store, p, nowMs)));
}
