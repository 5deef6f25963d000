/**
 * `accord peer test NAME` (CONTRACT.md "Operations"): the connection to a peer, one step at a
 * time, each with its own error, so that an operator knows which layer to fix: DNS, TCP, TLS,
 * auth, discovery, collection read, collection write. A step after a failed one is not tried.
 */
import { lookup } from 'node:dns/promises';
import { connect as tcpConnect } from 'node:net';
import { checkServerIdentity, connect as tlsConnect } from 'node:tls';
import type { PeerRecord } from '../store/index.js';
import { TaxiiClient, TaxiiClientError } from '../taxii/client/index.js';

/** The steps, in the order they are tried. */
export const CONNECTION_STEPS = [
  'DNS',
  'TCP',
  'TLS',
  'auth',
  'discovery',
  'collection read',
  'collection write',
] as const;

/** One step's outcome; `detail` says what passed (or why it needed nothing). */
export interface ConnectionStep {
  readonly step: (typeof CONNECTION_STEPS)[number];
  readonly ok: boolean;
  readonly error?: string;
  readonly detail?: string;
}

/** Options of a connection test. */
export interface ConnectionTestOptions {
  /** Per-step time limit in ms (default 5,000). */
  readonly timeoutMs?: number;
  /** PEM CA certificate(s) to trust instead of the system roots (a peer behind a private CA). */
  readonly trustedCa?: string;
}

type Outcome =
  | { readonly ok: true; readonly detail: string }
  | { readonly ok: false; readonly error: string };
const pass = (detail: string): Outcome => ({ ok: true, detail });
const fail = (error: string): Outcome => ({ ok: false, error });

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1)$/i;

/** Resolves to the socket's outcome: connected (then closed), refused, or timed out. */
function socketStep(
  open: (done: (o: Outcome) => void) => { destroy(): void; setTimeout(ms: number, cb: () => void): unknown },
  timeoutMs: number,
  what: string,
): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const socket = open((o) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(o);
    });
    socket.setTimeout(timeoutMs, () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(fail(`${what} timed out after ${timeoutMs} ms`));
    });
  });
}

function message(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}

/** Runs every step against `peer`; the peer's password is used only to log in on it. */
export async function testPeerConnection(
  peer: PeerRecord,
  options: ConnectionTestOptions = {},
): Promise<ConnectionStep[]> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const steps: ConnectionStep[] = [];
  let url: URL;
  try {
    url = new URL(peer.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
  } catch {
    return CONNECTION_STEPS.map((step, i) =>
      i === 0
        ? { step, ok: false, error: `the peer URL ${JSON.stringify(peer.url)} is not an http(s) URL` }
        : { step, ok: false, error: 'not tried: DNS failed' },
    );
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  let address = host;
  const client = new TaxiiClient({
    auth: { username: peer.username, password: peer.password },
    timeoutMs,
    retry: { maxAttempts: 1 },
    ...(options.trustedCa === undefined ? {} : { trustedCa: options.trustedCa }),
  });
  let apiRoot = '';
  const run: Record<ConnectionStep['step'], () => Promise<Outcome>> = {
    DNS: async () => {
      try {
        address = (await lookup(host)).address;
        return pass(`${host} is ${address}`);
      } catch (err) {
        return fail(`cannot resolve ${host}: ${(err as NodeJS.ErrnoException).code ?? message(err)}`);
      }
    },
    TCP: () =>
      socketStep(
        (done) =>
          tcpConnect({ host: address, port })
            .once('connect', () => done(pass(`connected to ${address}:${port}`)))
            .once('error', (err: NodeJS.ErrnoException) =>
              done(fail(`cannot connect to ${address}:${port}: ${err.code ?? err.message}`)),
            ),
        timeoutMs,
        `connecting to ${address}:${port}`,
      ),
    TLS: async () => {
      if (url.protocol === 'http:')
        return LOOPBACK.test(host)
          ? pass('plain HTTP to a loopback address: no TLS needed')
          : fail(`plain HTTP to ${host}: the password would travel in clear; use an https:// URL`);
      return socketStep(
        (done) =>
          tlsConnect({
            host: address,
            port,
            servername: LOOPBACK.test(host) || /^[\d.:]+$/.test(host) ? undefined : host,
            ...(options.trustedCa === undefined ? {} : { ca: options.trustedCa }),
            // The identity checked is the URL's host name, not the address it resolved to.
            checkServerIdentity: (_name, cert) => checkServerIdentity(host, cert),
          })
            .once('secureConnect', () => done(pass(`certificate of ${host} verified`)))
            .once('error', (err: NodeJS.ErrnoException) =>
              done(fail(`TLS with ${host} failed: ${err.code ?? ''} ${err.message}`.trim())),
            ),
        timeoutMs,
        `the TLS handshake with ${host}`,
      );
    },
    auth: async () => {
      try {
        apiRoot = await client.resolveApiRoot(peer.url);
        return pass(`logged in as ${peer.username}`);
      } catch (err) {
        if (err instanceof TaxiiClientError && err.code === 'TAXII_CLIENT_UNAUTHORIZED')
          return fail(`the peer refused the login of ${peer.username} (401): check the user and password`);
        return fail(message(err));
      }
    },
    discovery: async () => {
      try {
        const info = await client.apiRoot(apiRoot);
        return pass(`API root ${apiRoot} (${info.title})`);
      } catch (err) {
        return fail(`API root ${apiRoot}: ${message(err)}`);
      }
    },
    'collection read': async () => {
      try {
        const c = await client.collection(apiRoot, peer.remoteCollection);
        if (!c.can_read)
          return peer.pull
            ? fail(
                `${peer.username} may not read collection ${peer.remoteCollection} on the peer (pull needs it)`,
              )
            : pass('not needed: this peer is push only');
        await client.getObjects(apiRoot, peer.remoteCollection, { limit: 1 });
        return pass(`read collection ${peer.remoteCollection} (${c.title})`);
      } catch (err) {
        if (err instanceof TaxiiClientError && err.code === 'TAXII_CLIENT_NOT_FOUND')
          return fail(
            `no collection ${peer.remoteCollection} on the peer that ${peer.username} may use (404)`,
          );
        return fail(message(err));
      }
    },
    'collection write': async () => {
      try {
        const c = await client.collection(apiRoot, peer.remoteCollection);
        if (c.can_write) return pass(`${peer.username} may write collection ${peer.remoteCollection}`);
        return peer.push
          ? fail(
              `${peer.username} may not write collection ${peer.remoteCollection} on the peer (push needs it)`,
            )
          : pass('not needed: this peer is pull only');
      } catch (err) {
        return fail(message(err));
      }
    },
  };
  let failed: string | undefined;
  for (const step of CONNECTION_STEPS) {
    if (failed !== undefined) {
      steps.push({ step, ok: false, error: `not tried: ${failed} failed` });
      continue;
    }
    const outcome = await run[step]();
    steps.push({ step, ...outcome });
    if (!outcome.ok) failed = step;
  }
  return steps;
}
