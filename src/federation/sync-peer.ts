/** One sync run of one peer: pull then push as configured, with its state (last success, errors) recorded. */
import { formatMicros, nowMicros } from '../stix/index.js';
import type { PeerRecord, Store } from '../store/index.js';
import { TaxiiClientError } from '../taxii/client/index.js';
import { countAndPatch } from './peer-counters.js';
import type { PeerLink } from './peer-link.js';
import { learnPeerReleases } from './peer-releases.js';
import { patchPeerState } from './peer-state.js';
import { type PullReport, pullPeer } from './pull.js';
import { type PushReport, pushPeer } from './push.js';
import { SyncError } from './sync-error.js';
import type { SyncOptions } from './sync-ports.js';

/** What one run of one peer did; `error` is set when the run stopped early. */
export interface SyncReport {
  readonly peer: string;
  readonly pull?: PullReport;
  readonly push?: PushReport;
  readonly error?: string;
  readonly errorCode?: string;
}

/** Runs pull then push for a peer; never throws for a peer failure (it is reported and persisted). */
export async function syncPeer(
  store: Store,
  peer: PeerRecord,
  link: PeerLink,
  opts: SyncOptions,
  signal?: AbortSignal,
): Promise<SyncReport> {
  const now = opts.nowMicros ?? nowMicros;
  const attemptAt = formatMicros(now(), 3);
  let pull: PullReport | undefined;
  let push: PushReport | undefined;
  let direction: 'pull' | 'push' = 'pull';
  try {
    if (peer.pull) {
      pull = await pullPeer(store, peer, link, opts, signal);
      await learnPeerReleases(store, peer, opts, signal);
    }
    direction = 'push';
    if (peer.push) push = await pushPeer(store, peer, link, opts, signal);
    const refused = push?.refused ?? 0;
    await patchPeerState(store, peer.name, {
      lastAttempt: attemptAt,
      lastSuccess: attemptAt,
      lastError:
        refused > 0
          ? `SYNC_PUSH_REFUSED: ${refused} object(s) refused by the peer: ${push?.refusals[0] ?? ''}`
          : undefined,
    });
    return { peer: peer.name, ...(pull ? { pull } : {}), ...(push ? { push } : {}) };
  } catch (err) {
    if (signal?.aborted) throw err;
    const { code, message } = describe(err);
    const patch = { lastAttempt: attemptAt, lastError: `${code}: ${message}` };
    // The network or the peer's TAXII answers failed (not this node's configuration or store).
    if (err instanceof TaxiiClientError)
      await countAndPatch(store, peer.name, { [direction]: { transportErrors: 1 } }, patch);
    else await patchPeerState(store, peer.name, patch);
    opts.log?.warn({ peer: peer.name, code, err: message }, 'peer sync failed');
    return {
      peer: peer.name,
      ...(pull ? { pull } : {}),
      ...(push ? { push } : {}),
      error: message,
      errorCode: code,
    };
  }
}

function describe(err: unknown): { code: string; message: string } {
  if (err instanceof SyncError || err instanceof TaxiiClientError)
    return { code: err.code, message: err.message };
  // Anything else (a store failure) is still reported per peer rather than stopping other peers.
  return { code: 'SYNC_RUN_FAILED', message: err instanceof Error ? err.message : String(err) };
}
