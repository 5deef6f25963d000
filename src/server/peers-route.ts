/** `GET /api/peers` (issue 6): each federation peer's configuration and state (last success, lag, errors), for admins. */
import type { FastifyInstance } from 'fastify';
import { type AccordNode, peerStatusesFor } from '../core/index.js';
import type { Store } from '../store/index.js';

/** Registers the route; authentication as for TAXII (HTTP Basic or bearer), errors through the one error handler. */
export function registerPeersRoute(app: FastifyInstance, node: AccordNode, store: Store): void {
  app.get('/api/peers', async (request, reply) => {
    const caller = await node.authenticate(request.headers.authorization, request.ip);
    const peers = await peerStatusesFor(store, caller);
    return reply.type('application/json').send({ peers });
  });
}
