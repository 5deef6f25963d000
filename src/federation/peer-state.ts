/** Read-modify-write of a peer's persisted sync state, and the audit entries federation writes. */
import { formatMicros, type Micros } from '../stix/index.js';
import type { PeerRecord, PeerState, Store } from '../store/index.js';

/** Audit action of a conflict: same id and version received with different content (first copy kept). */
export const CONFLICT_ACTION = 'sync.conflict';
/** Audit action of an object a peer refused in its status resource, after retries. */
export const REFUSED_ACTION = 'sync.refused';

/** Fields of a peer's state to change; `undefined` clears one. */
export type StatePatch = { readonly [K in Exclude<keyof PeerState, 'name'>]?: PeerState[K] | undefined };

/** Merges `patch` into the peer's stored state (undefined values clear a field). */
export async function patchPeerState(store: Store, name: string, patch: StatePatch): Promise<PeerState> {
  const current = (await store.getPeerState(name)) ?? { name };
  const next: Record<string, unknown> = { ...current, ...patch, name };
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  await store.putPeerState(next as unknown as PeerState);
  return next as unknown as PeerState;
}

/** Records a conflict in the append-only audit log. */
export async function recordConflict(
  store: Store,
  peer: PeerRecord,
  id: string,
  version: string,
  nowMicros: Micros,
): Promise<void> {
  await store.appendAudit({
    at: formatMicros(nowMicros, 3),
    action: CONFLICT_ACTION,
    orgId: peer.orgId,
    objectId: id,
    objectVersion: version,
    detail: `peer:${peer.name}: same id and version with different content; the first copy is kept`,
  });
}

/** Records an object the peer refused, with its message. */
export async function recordRefusal(
  store: Store,
  peer: PeerRecord,
  id: string,
  version: string,
  message: string,
  nowMicros: Micros,
): Promise<void> {
  await store.appendAudit({
    at: formatMicros(nowMicros, 3),
    action: REFUSED_ACTION,
    orgId: peer.orgId,
    objectId: id,
    objectVersion: version,
    detail: `peer:${peer.name}: ${message}`,
  });
}
