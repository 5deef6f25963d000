/**
 * Composition root of `accord serve`: refuses plain HTTP off loopback, loads the demo when
 * asked, builds the server, listens, and reports the URL. The store is opened by the caller.
 */
import { readFile } from 'node:fs/promises';
import ipaddr from 'ipaddr.js';
import {
  type DemoResult,
  loadDemo,
  nodeServices,
  SUMMARY_INTERVAL_MS,
  startAdvisoryReleases,
  startPeerSync,
  startSummaryPublishing,
} from '../core/index.js';
import { type ChangeBus, InProcessBus, NatsChangeBus, NatsWorkQueue } from '../scale/index.js';
import type { Store } from '../store/index.js';
import { type BuildServerOptions, buildServer } from './build-server.js';
import type { ConnectionLimits } from './connection-limits.js';
import { findWebRoot } from './web/web-root.js';

/** Options of startServer (from `accord serve`). */
export interface StartServerOptions {
  readonly store: Store;
  readonly host: string;
  readonly port: number;
  readonly demo?: boolean;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly insecureHttp?: boolean;
  readonly maxContentLength?: number;
  /** Log (true: at info) or the least severe level logged; default info. */
  readonly log?: BuildServerOptions['log'];
  /** Where log lines go (default stderr); `accord serve` gives a pretty printer on a terminal. */
  readonly logStream?: NodeJS.WritableStream;
  /** PEM CA certificates trusted when syncing with peers (`serve --ca`: the system ones and a private CA). */
  readonly peerTrustedCa?: string | readonly string[];
  /** Connection limits and timeouts (defaults: docs/reference/limits.md). */
  readonly connections?: Partial<ConnectionLimits>;
  /** Between two publishings of sighting summaries (default one hour, CONTRACT.md "Detection"). */
  readonly summaryIntervalMs?: number;
  /** Serve `GET /metrics` (Prometheus text) to administrators. */
  readonly metrics?: boolean;
  /** Accord's version, shown by `GET /api/node`. */
  readonly version?: string;
  /** The built web console (default: dist/web of this package, when built; null: none). */
  readonly webRoot?: string | null;
  /**
   * `nats://HOST:PORT` of the NATS JetStream server joining this process to the node's others
   * on one database (`serve --nats`, issue 18); without it the node is one process.
   */
  readonly nats?: string;
  /** Names the node's NATS stream and subjects (default `accord`; tests give each node its own). */
  readonly natsName?: string;
}

/** A running server. */
export interface RunningServer {
  readonly url: string;
  readonly demo?: DemoResult;
  close(): Promise<void>;
}

/** True for `localhost` and loopback addresses (127.0.0.0/8, ::1). */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(bare)) return false;
  const addr = ipaddr.process(bare);
  return addr.range() === 'loopback';
}

/** Starts a node; throws before listening when the options are unsafe or incomplete. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined)) {
    throw new Error('--tls-cert and --tls-key go together');
  }
  const tls = options.tlsCert !== undefined && options.tlsKey !== undefined;
  if (!tls && !isLoopback(options.host) && !options.insecureHttp) {
    throw new Error(
      `refusing plain HTTP on ${options.host}: give --tls-cert and --tls-key, or --insecure-http`,
    );
  }
  const https = tls
    ? { cert: await readFile(options.tlsCert!), key: await readFile(options.tlsKey!) }
    : undefined;
  const demo = options.demo ? await loadDemo(options.store) : undefined;
  // One node: the TAXII server and federation share its policy contexts.
  const node = nodeServices(options.store);
  const { policy } = node;
  const webRoot = options.webRoot === undefined ? findWebRoot() : options.webRoot;
  // Logged through the server's logger once it exists; a state change is rare, never per request.
  let logBusState: (state: string, detail?: string) => void = () => {};
  const bus: ChangeBus =
    options.nats === undefined
      ? new InProcessBus()
      : new NatsChangeBus({
          servers: options.nats,
          ...(options.natsName === undefined ? {} : { name: options.natsName }),
          onState: (state, detail) => logBusState(state, detail),
        });
  const app = buildServer({
    store: options.store,
    ...(webRoot ? { webRoot } : {}),
    node: { policy, bus },
    log: options.log ?? true,
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(https ? { https } : {}),
    ...(options.maxContentLength ? { maxContentLength: options.maxContentLength } : {}),
    ...(options.connections ? { connections: options.connections } : {}),
    ...(options.metrics ? { metrics: true } : {}),
    ...(options.version ? { about: { version: options.version } } : {}),
  });
  logBusState = (state, detail) => {
    if (state === 'unavailable')
      app.log.warn(
        { nats: options.nats, detail },
        'NATS unavailable: serving on, other processes seen by polling',
      );
    else app.log.info({ nats: options.nats }, 'NATS connected: change notices flowing');
  };
  // A NATS connection left open would keep a process that cannot listen from exiting.
  await app.listen({ host: options.host, port: options.port }).catch(async (err: unknown) => {
    await bus.close();
    throw err;
  });
  if (!webRoot) app.log.warn('web console not built (npm run build): only /taxii2/ and /api/ are served');
  // Federation (issue 6): configured peers sync in the background; stopped before the store closes.
  const federation = startPeerSync(options.store, {
    log: app.log,
    policy,
    ...(options.peerTrustedCa === undefined ? {} : { client: { trustedCa: options.peerTrustedCa } }),
  });
  // Joint advisories (ADR 0004): released here when their release time comes, if sealed.
  const releases = startAdvisoryReleases(node, {
    onDecision: (d) => app.log.info({ advisory: d }, `advisory ${d.outcome}`),
    onError: (err) => app.log.error({ err }, 'advisory release job failed'),
  });
  // Another process's commit may bring an advisory or signature: look at once, not at the next tick.
  const unsubscribe = bus.subscribe((notice, source) => {
    if (source === 'peer' && notice.kind === 'objects') releases.wake();
  });
  // Sighting summaries (issue 16): the same use case as `accord sightings publish`, on a timer.
  // With NATS the processes take turns: each offers every slot's job, one of them runs it.
  const queue =
    options.nats === undefined
      ? undefined
      : new NatsWorkQueue({
          servers: options.nats,
          ...(options.natsName === undefined ? {} : { name: options.natsName }),
          onFallback: (detail) =>
            app.log.warn({ nats: options.nats, detail }, 'NATS work queue unavailable: running the job here'),
        });
  const summaries = startSummaryPublishing(node, {
    intervalMs: options.summaryIntervalMs ?? SUMMARY_INTERVAL_MS,
    ...(queue === undefined ? {} : { queue }),
    onRun: (outcome) => {
      if ('error' in outcome)
        app.log.warn({ ...outcome, error: String(outcome.error) }, 'sighting summaries');
      else if (outcome.report.published > 0 || outcome.report.failures.length > 0)
        app.log.info({ ...outcome }, 'sighting summaries published');
    },
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host =
    options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    ...(demo ? { demo } : {}),
    close: async () => {
      unsubscribe();
      await releases.stop();
      await summaries.stop();
      await queue?.close();
      await federation.stop();
      await app.close();
      await bus.close();
      await options.store.close();
    },
  };
}
