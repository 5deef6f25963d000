/**
 * `GET /api/peers` (issue 6): each federation peer's configuration and state (last success,
 * lag, errors), for admins; `POST /api/peers/:name/test` (admins): core's testPeer, each step
 * of the connection (DNS, TCP, TLS, auth, discovery, read, write) with its outcome.
 */
import type { FastifyInstance } from 'fastify';
import { peerStatusesFor, testPeerAs } from '../../core/index.js';
import type { ApiContext } from './api-context.js';

const NAME_PARAMS = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

/** Registers the routes; the API plugin authenticates and maps errors. */
export function registerPeersRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/peers', async (request, reply) => {
    const peers = await peerStatusesFor(ctx.store, ctx.callerOf(request));
    return reply.type('application/json').send({ peers });
  });

  app.post<{ Params: { name: string } }>(
    '/peers/:name/test',
    { schema: { params: NAME_PARAMS } },
    async (request) => {
      const steps = await testPeerAs(ctx.node.services, ctx.callerOf(request), request.params.name);
      return { name: request.params.name, steps };
    },
  );
}
