/** Section 5.1: GET {api-root}/collections/ — the collections resource (5.1.1). */
import type { FastifyInstance } from 'fastify';
import { collectionResource } from '../resources.js';
import type { RouteContext } from '../route-context.js';

/** Registers the get-collections endpoint. */
export function registerCollections(app: FastifyInstance, ctx: RouteContext): void {
  app.get(`${ctx.apiRootPath}collections/`, async (request, reply) => {
    const list = await ctx.backend.listCollections(ctx.callerOf(request));
    // Section 5.1.1: with no collections the key is omitted and the response is an empty object.
    return ctx.send(
      request,
      reply,
      200,
      list.length > 0 ? { collections: list.map(collectionResource) } : {},
    );
  });
}
