/**
 * What `GET /metrics` reports from the store rather than from the process (CONTRACT.md
 * "Operations"): objects stored and each peer's sync lag, the same for every process sharing
 * the store; and who may read them (policy/: administrators).
 */
import { may } from '../../policy/index.js';
import type { Store } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import { actorOf } from '../query/reader-of.js';
import { peerStatuses } from '../sync.js';

/** Readings of the node's store at one instant. */
export interface NodeReadings {
  /** Object versions stored, every collection. */
  readonly versionsStored: number;
  /** Seconds since each peer's last successful sync; null when it never succeeded. */
  readonly peerLagSeconds: readonly { readonly peer: string; readonly seconds: number | null }[];
}

/** Refuses (CORE_FORBIDDEN) a caller who may not read the node's metrics. */
export function requireMetricsViewer(caller: Caller): void {
  if (!may(actorOf(caller), 'metrics.view', 'node'))
    throw new CoreError('CORE_FORBIDDEN', 'only administrators may read the metrics');
}

/** Reads the store's side of the metrics. */
export async function nodeReadings(store: Store): Promise<NodeReadings> {
  const peers = await peerStatuses(store);
  return {
    versionsStored: await store.countVersions(),
    peerLagSeconds: peers.map((p) => ({ peer: p.name, seconds: p.lagSeconds })),
  };
}
