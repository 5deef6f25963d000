/**
 * `GET /readyz` (issue 20): 200 while the store answers a query on the migrated schema, 503
 * otherwise, so that a load balancer or orchestrator stops sending requests to a node whose
 * database is gone (`/healthz` only says the process runs). The cause is logged, not served:
 * the probe is unauthenticated.
 */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/index.js';

/** Adds `GET /readyz` to `app`. */
export function registerReadiness(app: FastifyInstance, store: Store): void {
  app.get('/readyz', async (request, reply) => {
    try {
      // One indexed read of a table the latest migrations made: reachable and migrated.
      await store.generation('policy');
      return reply.type('application/json').send({ status: 'ready' });
    } catch (err) {
      request.log.warn({ err }, 'readiness probe: the store does not answer');
      return reply.code(503).type('application/json').send({ status: 'unavailable' });
    }
  });
}
