/**
 * `GET /metrics` (CONTRACT.md "Operations", `serve --metrics`): the Prometheus text format, to
 * administrators only (HTTP Basic or bearer, the accounts TAXII uses; policy/ decides). Its own
 * error handler answers 401 (with a challenge) and 403 in plain text, as scrapers expect.
 */
import type { FastifyPluginAsync } from 'fastify';
import { type AccordNode, nodeReadings, requireMetricsViewer } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { HttpErrorOf } from '../../taxii/index.js';
import type { NodeMetrics } from './node-metrics.js';

/** Options of the metrics plugin. */
export interface MetricsPluginOptions {
  readonly node: AccordNode;
  readonly store: Store;
  readonly metrics: NodeMetrics;
  readonly httpErrorOf: HttpErrorOf;
}

/** The metrics route; register it without a prefix. */
export const metricsPlugin: FastifyPluginAsync<MetricsPluginOptions> = async (app, options) => {
  app.setErrorHandler((err, request, reply) => {
    const http = options.httpErrorOf(err);
    if (!http) request.log.error({ err }, 'metrics failed');
    return reply
      .code(http?.status ?? 500)
      .headers(http?.headers ?? {})
      .type('text/plain; charset=utf-8')
      .send(`${http?.message ?? 'internal error'}\n`);
  });
  app.get('/metrics', async (request, reply) => {
    requireMetricsViewer(await options.node.authenticate(request.headers.authorization, request.ip));
    options.metrics.setReadings(await nodeReadings(options.store));
    const body = await options.metrics.registry.metrics();
    return reply.type(options.metrics.registry.contentType).send(body);
  });
};
