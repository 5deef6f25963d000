/** `GET /api/peers` (issue 6): each federation peer's configuration and state (last success, lag, errors), for admins. */
import type { FastifyInstance } from 'fastify';
import { peerStatusesFor } from '../../core/index.js';
import type { ApiContext } from './api-context.js';

/** Registers the route; the API plugin authenticates and maps errors. */
export function registerPeersRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/peers', async (request, reply) => {
    const peers = await peerStatusesFor(ctx.store, ctx.callerOf(request));
    return reply.type('application/json').send({ peers });
  });
}
