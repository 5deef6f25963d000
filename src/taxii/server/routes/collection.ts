/** Section 5.2: GET {api-root}/collections/{id}/ — one collection resource (5.2.1). */
import type { FastifyInstance } from 'fastify';
import { collectionResource } from '../resources.js';
import type { RouteContext } from '../route-context.js';

/** JSON schema of the `{id}` path parameter shared by the collection routes. */
export const collectionParams = {
  type: 'object',
  properties: { collectionId: { type: 'string', maxLength: 128 } },
  required: ['collectionId'],
} as const;

/** Registers the get-a-collection endpoint. */
export function registerCollection(app: FastifyInstance, ctx: RouteContext): void {
  app.get<{ Params: { collectionId: string } }>(
    `${ctx.apiRootPath}collections/:collectionId/`,
    { schema: { params: collectionParams } },
    async (request, reply) => {
      const access = await ctx.backend.getCollection(ctx.callerOf(request), request.params.collectionId);
      return ctx.send(request, reply, 200, collectionResource(access));
    },
  );
}
