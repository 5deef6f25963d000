/** `GET /api/node`: the console shell's heading (node name, the caller's organisation) and the server's clock. */
import type { FastifyInstance } from 'fastify';
import { CoreError } from '../../core/index.js';
import { formatMicros } from '../../stix/index.js';
import type { ApiContext } from './api-context.js';
import type { NodeInfo } from './api-types.js';
import { orgRef } from './org-ref.js';

/** Registers the route. */
export function registerNodeRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/node', async (request): Promise<NodeInfo> => {
    const caller = ctx.callerOf(request);
    const org = await ctx.store.getOrganization(caller.orgId);
    if (org === undefined) throw new CoreError('CORE_UNAUTHENTICATED', 'the account has no organisation');
    return {
      name: ctx.about.name,
      org: orgRef(org),
      // The node's clock, which countdowns use instead of the browser's.
      serverTime: formatMicros(ctx.node.services.now(), 3),
      version: ctx.about.version,
    };
  });
}
