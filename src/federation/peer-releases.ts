/**
 * Released state of joint advisories on peer nodes (docs/decisions/0022-released-state-per-node.md):
 * after a pull, this node asks the peer's own node, through its API with the peer's
 * credentials, what its release job decided for each advisory of the pulled collection whose
 * release time has come, and records each answer once per (peer, advisory, version) in the
 * audit log. Informational only: nothing here changes what anyone sees on any node.
 *
 * Why ask rather than watch the feed: a partner node pulls as a co-signer, and co-signers see
 * the draft from its `added` entry long before the release; the `released` entry that proves
 * the release is never shown to them (policy/decide.ts). The feed cannot tell them apart.
 */
import { ADVISORY_EXTENSION_ID, EMBARGO_EXTENSION_ID } from '../policy/index.js';
import { formatMicros, isRecord, type Micros, nowMicros, timestampMicros } from '../stix/index.js';
import type { PeerRecord, Store } from '../store/index.js';
import type { TaxiiClientOptions } from '../taxii/client/index.js';
import { askPeerRelease, type PeerSaid } from './peer-release-request.js';

/** Audit action of a peer's release of an advisory version, as its node said; detail `peer:NAME: at TIME`. */
export const PEER_RELEASED_ACTION = 'sync.peer-released';
/** Audit action of a peer's final `missed` decision for an advisory version; detail `peer:NAME: at TIME`. */
export const PEER_MISSED_ACTION = 'sync.peer-missed';

/** Advisories whose release time passed longer ago than this are no longer asked about. */
export const PEER_RELEASE_WINDOW_MS = 7 * 24 * 3600 * 1000;
/** Questions per sync run of one peer at most: a collection full of advisories cannot make a run fan out. */
export const MAX_RELEASE_QUESTIONS = 8;
/** Within this long after the release time a peer is asked on every run (it decides within its grace period). */
const ASK_EVERY_RUN_US = 3600 * 1_000_000;
/** Later, a peer that has not answered is asked at most this often: an older node answers nothing, ever. */
const ASK_LATER_EVERY_US = 15 * 60 * 1_000_000;
/** When each (peer, advisory) was last asked, in this process; bounded. */
const lastAsked = new Map<string, Micros>();
const MAX_REMEMBERED = 10_000;

/** True when the peer may be asked about the advisory now (and notes that it is). */
function mayAsk(peer: string, id: string, releaseAt: Micros, now: Micros): boolean {
  const key = `${peer} ${id}`;
  const last = lastAsked.get(key);
  if (now >= releaseAt + ASK_EVERY_RUN_US && last !== undefined && now - last < ASK_LATER_EVERY_US)
    return false;
  if (lastAsked.size >= MAX_REMEMBERED) lastAsked.clear();
  lastAsked.set(key, now);
  return true;
}

/** A peer's clock may run this far ahead of ours (µs); a release time further in our future is refused. */
const CLOCK_SKEW = 60_000_000 as Micros;

/** An advisory of the pulled collection: its versions whose release time has come, newest first. */
interface DueAdvisory {
  readonly id: string;
  readonly versions: readonly { readonly version: string; readonly releaseAt: Micros }[];
}

/** A recorded answer of a peer's node. */
export interface PeerReleaseRecord {
  readonly peer: string;
  readonly state: 'released' | 'missed';
  readonly version: string;
  /** The peer's decision time (when its release entries were written), as it said. */
  readonly at: string;
}

function parseJson(json: string): Readonly<Record<string, unknown>> | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The release time an advisory report names in its extension, if it is one. */
function advisoryReleaseAt(object: Readonly<Record<string, unknown>> | undefined): Micros | undefined {
  const extensions = object?.extensions;
  const ext = isRecord(extensions) ? extensions[ADVISORY_EXTENSION_ID] : undefined;
  return isRecord(ext) ? timestampMicros(ext.release_at) : undefined;
}

/** The advisories of `collectionId` this node holds whose release time is in [now − window, now]. */
async function dueAdvisories(store: Store, collectionId: string, now: Micros): Promise<DueAdvisory[]> {
  const from = now - PEER_RELEASE_WINDOW_MS * 1000;
  const byId = new Map<string, Map<string, Micros>>();
  for (const [id, record] of await store.listMarkingDefinitions()) {
    const extensions = parseJson(record.json)?.extensions;
    const ext = isRecord(extensions) ? extensions[EMBARGO_EXTENSION_ID] : undefined;
    const releaseAt = isRecord(ext) ? timestampMicros(ext.release_at) : undefined;
    if (releaseAt === undefined || releaseAt > now || releaseAt < from) continue;
    for (const row of await store.findByMarking(id)) {
      if (row.type !== 'report' || row.collectionId !== collectionId) continue;
      const at = advisoryReleaseAt(parseJson(row.json));
      if (at === undefined || at > now) continue;
      const versions = byId.get(row.id) ?? new Map<string, Micros>();
      versions.set(row.version, at);
      byId.set(row.id, versions);
    }
  }
  return [...byId].map(([id, versions]) => ({
    id,
    versions: [...versions]
      .map(([version, releaseAt]) => ({ version, releaseAt, t: timestampMicros(version) ?? 0 }))
      .sort((a, b) => b.t - a.t),
  }));
}

/** The answers of peers' nodes recorded for advisory `id` (every peer, every version), oldest first. */
export async function peerReleaseRecords(store: Store, id: string): Promise<PeerReleaseRecord[]> {
  const events = await store.listAudit({ objectId: id });
  const out: PeerReleaseRecord[] = [];
  for (const e of events) {
    const state =
      e.action === PEER_RELEASED_ACTION ? 'released' : e.action === PEER_MISSED_ACTION ? 'missed' : undefined;
    const m = /^peer:(.+): at (\S+)$/.exec(e.detail ?? '');
    if (state === undefined || m === null || e.objectVersion === undefined) continue;
    out.push({ peer: m[1] as string, state, version: e.objectVersion, at: m[2] as string });
  }
  return out;
}

/**
 * Checks what a peer's node said against what this node holds: a version of that advisory
 * whose release time has come, released no earlier than that time and not in our future.
 */
export function acceptedAnswer(said: PeerSaid, advisory: DueAdvisory, now: Micros): PeerSaid | undefined {
  const held = advisory.versions.find((v) => v.version === said.version);
  const at = timestampMicros(said.at);
  if (held === undefined || at === undefined || at > now + CLOCK_SKEW) return undefined;
  if (said.state === 'released' && at < held.releaseAt) return undefined; // never released early
  return said;
}

/**
 * Asks the peer's node about each due advisory of the pulled collection not yet decided there
 * (as recorded here), and records what it says. Returns how many answers were recorded.
 * Failures to ask (an older node, a peer that is no Accord node) record nothing.
 */
export async function learnPeerReleases(
  store: Store,
  peer: PeerRecord,
  opts: { readonly client?: TaxiiClientOptions; readonly nowMicros?: () => Micros },
  signal?: AbortSignal,
): Promise<number> {
  const now = (opts.nowMicros ?? nowMicros)();
  const due = await dueAdvisories(store, peer.localCollection, now);
  let asked = 0;
  let recorded = 0;
  for (const advisory of due) {
    const newest = advisory.versions[0];
    if (newest === undefined || asked >= MAX_RELEASE_QUESTIONS) continue;
    const known = (await peerReleaseRecords(store, advisory.id)).filter((r) => r.peer === peer.name);
    if (known.some((r) => r.version === newest.version)) continue;
    if (!mayAsk(peer.name, advisory.id, newest.releaseAt, now)) continue;
    asked++;
    const said = await askPeerRelease(peer, advisory.id, opts.client ?? {}, signal);
    const answer = said === undefined ? undefined : acceptedAnswer(said, advisory, now);
    if (answer === undefined || known.some((r) => r.version === answer.version)) continue;
    await store.appendAudit({
      at: formatMicros(now, 3),
      action: answer.state === 'released' ? PEER_RELEASED_ACTION : PEER_MISSED_ACTION,
      orgId: peer.orgId,
      objectId: advisory.id,
      objectVersion: answer.version,
      detail: `peer:${peer.name}: at ${formatMicros(timestampMicros(answer.at) as Micros, 3)}`,
    });
    recorded++;
  }
  return recorded;
}
