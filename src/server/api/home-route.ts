/** `GET /api/home`: the console's morning page (core's homePage). */
import type { FastifyInstance } from 'fastify';
import { homePage } from '../../core/index.js';
import { formatMicros } from '../../stix/index.js';
import type { ApiContext } from './api-context.js';
import type { HomeInfo } from './api-types.js';
import { advisoryInfo } from './intel-routes.js';
import { orgRefs } from './org-ref.js';

/** Registers the route. */
export function registerHomeRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/home', async (request): Promise<HomeInfo> => {
    const home = await homePage(ctx.node.services, ctx.callerOf(request));
    const refOf = await orgRefs(ctx.store);
    const now = formatMicros(ctx.node.services.now(), 3);
    return {
      recentIntake: home.recentIntake,
      awaitingSignature: home.awaitingSignature.map((a) => advisoryInfo(a, refOf, now)),
      embargoes: home.embargoes.map((e) => ({ ...e, cosigners: e.cosigners.map(refOf) })),
      peers: home.peers,
      recentSightings: home.recentSightings,
    };
  });
}
