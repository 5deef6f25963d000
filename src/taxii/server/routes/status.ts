/** Section 4.3: GET {api-root}/status/{status-id}/ — the status resource (4.3.1). */
import type { FastifyInstance } from 'fastify';
import { statusResource } from '../resources.js';
import type { RouteContext } from '../route-context.js';

const params = {
  type: 'object',
  properties: { statusId: { type: 'string', maxLength: 64 } },
  required: ['statusId'],
} as const;

/** Registers the get-status endpoint. */
export function registerStatus(app: FastifyInstance, ctx: RouteContext): void {
  app.get<{ Params: { statusId: string } }>(
    `${ctx.apiRootPath}status/:statusId/`,
    { schema: { params } },
    async (request, reply) => {
      const status = await ctx.backend.getStatus(ctx.callerOf(request), request.params.statusId);
      return ctx.send(request, reply, 200, statusResource(status));
    },
  );
}
