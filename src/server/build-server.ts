/**
 * Builds the Fastify application of a node (never listens): the TAXII 2.1 plugin under
 * `/taxii2` and the JSON API plugin under `/api`, each with its own auth hook and error
 * handler over the one map of domain errors (httpErrorOf); the web console's files at `/`
 * when built (`webRoot`, server/web/); `GET /healthz`, pino request
 * logging, slow-query warnings, and the connection limits and timeouts. What fails before
 * routing (Node's parser, Fastify's URL checks) is answered in the shape of the plugin the URL
 * names, TAXII's elsewhere.
 */
import { randomUUID } from 'node:crypto';
import fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { AccordNode, type AccordNodeOptions } from '../core/index.js';
import type { Store } from '../store/index.js';
import { DEFAULT_MAX_CONTENT_LENGTH, sendTaxiiError, TaxiiError, taxiiPlugin } from '../taxii/index.js';
import { sendApiError } from './api/api-error-handler.js';
import { type ApiAbout, apiPlugin } from './api/api-plugin.js';
import { taxiiClientErrorHandler } from './client-error.js';
import { type ConnectionLimits, connectionLimits } from './connection-limits.js';
import { httpErrorOf } from './http-error-of.js';
import { metricsPlugin } from './metrics/metrics-plugin.js';
import { createNodeMetrics } from './metrics/node-metrics.js';
import { registerReadiness } from './readiness.js';
import { webPlugin } from './web/web-plugin.js';

/** Options of buildServer. */
export interface BuildServerOptions {
  readonly store: Store;
  /** pino logging: false (default, for tests), true, or a level. */
  readonly log?: boolean | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** Where log lines go (default stderr, so stdout stays for the CLI's own lines). */
  readonly logStream?: NodeJS.WritableStream;
  readonly maxContentLength?: number;
  readonly https?: { readonly key: Buffer; readonly cert: Buffer };
  /** A store query slower than this is logged as a warning (default 200 ms). */
  readonly slowQueryMs?: number;
  readonly node?: Omit<AccordNodeOptions, 'store' | 'onSlowQuery' | 'slowQueryMs'>;
  readonly limits?: { readonly defaultLimit?: number; readonly maxLimit?: number };
  /** Connection limits and timeouts (defaults in connection-limits.ts, docs/reference/limits.md). */
  readonly connections?: Partial<ConnectionLimits>;
  /** Serve `GET /metrics` to administrators (`serve --metrics`; default off). */
  readonly metrics?: boolean;
  /** What `GET /api/node` says of the node (defaults: name `Accord`, version `unknown`). */
  readonly about?: ApiAbout;
  /** Serve the web console's built files from this folder at `/` (findWebRoot; default off). */
  readonly webRoot?: string;
}

/** The Fastify instance of a node, ready for `inject()` or `listen()`. */
export function buildServer(options: BuildServerOptions): FastifyInstance {
  const maxContentLength = options.maxContentLength ?? DEFAULT_MAX_CONTENT_LENGTH;
  const level = options.log === true ? 'info' : options.log;
  const limits = connectionLimits(options.connections);
  // Header timeouts are checked every checkIntervalMs (Node's default, 30 s, lets them pile up).
  const timeouts = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: limits.checkIntervalMs,
  };
  const app: FastifyInstance = fastify({
    ...(level ? { logger: { level, stream: options.logStream ?? process.stderr } } : { logger: false }),
    ...(options.https
      ? { https: { key: options.https.key, cert: options.https.cert, ...timeouts } }
      : { http: timeouts }),
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    bodyLimit: maxContentLength,
    // Request ids appear in error resources (error_id): a counter would tell any client how
    // many requests others made (DESIGN.md, Trust), so they are random.
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 300 },
    return503OnClosing: true,
    clientErrorHandler: taxiiClientErrorHandler(() => app.log),
    // Fastify's own 400 (bad URL) and 414 (path parameter too long) come before any plugin.
    frameworkErrors: beforeRouting,
  }) as unknown as FastifyInstance;
  app.server.maxConnections = limits.maxConnections;
  const slowQueryMs = options.slowQueryMs ?? 200;
  const metrics = options.metrics ? createNodeMetrics() : undefined;
  const node = new AccordNode({
    ...options.node,
    ...(metrics ? { auth: { ...options.node?.auth, onLoginFailure: () => metrics.loginFailed() } } : {}),
    store: options.store,
    slowQueryMs,
    onSlowQuery: (ms, detail) => app.log.warn({ ms: Math.round(ms), ...detail }, 'slow store query'),
  });
  // A URL outside both plugins: answered as TAXII would, for the TAXII clients that guess URLs.
  app.setNotFoundHandler((request, reply) =>
    sendTaxiiError(
      new TaxiiError('TAXII_NOT_FOUND', 'no such resource (TAXII URLs end with a slash)'),
      request,
      reply,
    ),
  );
  if (metrics) {
    // Added before the plugins so that it sees their requests too; the label is the route
    // pattern (bounded), never the URL a client chose.
    app.addHook('onResponse', async (request, reply) => {
      metrics.observeRequest(
        request.routeOptions.url ?? 'unmatched',
        request.method,
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
    });
    app.register(metricsPlugin, { node, store: options.store, metrics, httpErrorOf });
  }
  app.get('/healthz', async (_request, reply) => reply.type('application/json').send({ status: 'ok' }));
  registerReadiness(app, options.store);
  app.register(apiPlugin, {
    prefix: '/api',
    node,
    store: options.store,
    httpErrorOf,
    ...(options.about ? { about: options.about } : {}),
  });
  if (options.webRoot !== undefined) app.register(webPlugin, { root: options.webRoot });
  app.register(taxiiPlugin, {
    prefix: '/taxii2',
    backend: node,
    maxContentLength,
    httpErrorOf,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  return app;
}

/** Answers an error Fastify raises before routing in the shape of the plugin the URL names. */
function beforeRouting(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return request.url === '/api' || request.url.startsWith('/api/')
    ? sendApiError(err, request, reply, httpErrorOf)
    : sendTaxiiError(err, request, reply, httpErrorOf);
}
