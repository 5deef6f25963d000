/** Section 5.8: GET {api-root}/collections/{id}/objects/{object-id}/versions/ — the versions resource (5.8.1). */
import type { FastifyInstance } from 'fastify';
import { TaxiiError } from '../../taxii-error.js';
import { parseFilters } from '../query-params.js';
import { dateAddedHeaders, versions } from '../resources.js';
import type { RouteContext } from '../route-context.js';
import { objectParams } from './object.js';

/** Registers the get-object-versions endpoint. */
export function registerVersions(app: FastifyInstance, ctx: RouteContext): void {
  app.get<{ Params: { collectionId: string; objectId: string } }>(
    `${ctx.apiRootPath}collections/:collectionId/objects/:objectId/versions/`,
    { schema: { params: objectParams } },
    async (request, reply) => {
      const filters = parseFilters(
        request.query as Record<string, unknown>,
        ['added_after', 'limit', 'next', 'spec_version'],
        ctx.limits,
      );
      const { collectionId, objectId } = request.params;
      const page = await ctx.backend.queryObjects(
        ctx.callerOf(request),
        collectionId,
        { ...filters, ids: [objectId], versions: { kind: 'all' } },
        'manifest',
      );
      if (page.items.length === 0)
        throw new TaxiiError('TAXII_NOT_FOUND', `no object ${objectId} in this collection`);
      return ctx.send(request, reply, 200, versions(page), dateAddedHeaders(page.items));
    },
  );
}
