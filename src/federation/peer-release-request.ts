/**
 * One question to a peer's Accord node: what did your release job decide for this advisory?
 * `GET /api/advisories/ID/release` on the origin of the peer's TAXII URL (the console's API is
 * served on the same port, CONTRACT.md "Web console"), with the peer's credentials and TLS
 * settings. Only the peer's entry for itself is read: what a peer says of other nodes is
 * second-hand. The answer is untrusted: bounded, parsed, checked field by field.
 */
import type { PeerRecord } from '../store/index.js';
import { checkUrl, dispatcherTrusting, type TaxiiClientOptions } from '../taxii/client/index.js';

/** What a peer's node said of its own decision for one advisory version. */
export interface PeerSaid {
  readonly state: 'released' | 'missed';
  readonly version: string;
  readonly at: string;
}

/** The answer is a handful of short fields; anything larger is not one. */
const MAX_ANSWER_BYTES = 64 * 1024;
const TIMEOUT_MS = 10_000;

/** The URL of the question, on the origin of the peer's TAXII URL. */
export function peerReleaseUrl(peer: Pick<PeerRecord, 'url'>, id: string): string {
  return new URL(`/api/advisories/${encodeURIComponent(id)}/release`, peer.url).toString();
}

async function boundedText(res: Response): Promise<string | undefined> {
  const reader = res.body?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The peer's entry for itself in an answer, when well formed and decided. */
export function selfEntryOf(body: unknown): PeerSaid | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const nodes = (body as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) return undefined;
  const self = nodes.filter(
    (n) => typeof n === 'object' && n !== null && (n as { self?: unknown }).self === true,
  );
  if (self.length !== 1) return undefined;
  const { state, version, at } = self[0] as { state?: unknown; version?: unknown; at?: unknown };
  if (state !== 'released' && state !== 'missed') return undefined;
  if (typeof version !== 'string' || typeof at !== 'string' || version.length > 64 || at.length > 64)
    return undefined;
  return { state, version, at };
}

/**
 * Asks the peer; undefined for any failure (network, status, shape), which the caller treats as
 * "not known yet". Aborting the signal aborts the question.
 */
export async function askPeerRelease(
  peer: PeerRecord,
  id: string,
  client: TaxiiClientOptions,
  signal?: AbortSignal,
): Promise<PeerSaid | undefined> {
  const url = peerReleaseUrl(peer, id);
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const init: Record<string, unknown> = {
    headers: {
      accept: 'application/json',
      authorization: `Basic ${Buffer.from(`${peer.username}:${peer.password}`, 'utf8').toString('base64')}`,
    },
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    redirect: 'error',
  };
  try {
    checkUrl(url, client.allowInsecureHttp ?? false);
    if (client.trustedCa !== undefined) init.dispatcher = await dispatcherTrusting(client.trustedCa);
    const res = await (client.fetch ?? fetch)(url, init as RequestInit);
    const text = await boundedText(res);
    if (!res.ok || text === undefined) return undefined;
    return selfEntryOf(JSON.parse(text));
  } catch (err) {
    if (signal?.aborted) throw err;
    return undefined;
  }
}
