/**
 * Section 5.6: GET {api-root}/collections/{id}/objects/{object-id}/ — the versions of one object
 * in an envelope; section 5.7: DELETE — removes the selected versions.
 */
import type { FastifyInstance } from 'fastify';
import { TaxiiError } from '../../taxii-error.js';
import { parseFilters } from '../query-params.js';
import { dateAddedHeaders, envelope } from '../resources.js';
import type { RouteContext } from '../route-context.js';

/** JSON schema of the `{id}` and `{object-id}` path parameters. */
export const objectParams = {
  type: 'object',
  properties: {
    collectionId: { type: 'string', maxLength: 128 },
    objectId: { type: 'string', maxLength: 300 },
  },
  required: ['collectionId', 'objectId'],
} as const;

/** Registers the get-an-object and delete-an-object endpoints. */
export function registerObject(app: FastifyInstance, ctx: RouteContext): void {
  const url = `${ctx.apiRootPath}collections/:collectionId/objects/:objectId/`;
  app.get<{ Params: { collectionId: string; objectId: string } }>(
    url,
    { schema: { params: objectParams }, config: { stix: true } },
    async (request, reply) => {
      const filters = parseFilters(
        request.query as Record<string, unknown>,
        ['added_after', 'limit', 'next', 'version', 'spec_version'],
        ctx.limits,
      );
      const { collectionId, objectId } = request.params;
      const page = await ctx.backend.getObject(ctx.callerOf(request), collectionId, objectId, filters);
      // Section 5.6: 404 when the object is not found; a hidden object is absent (CONTRACT.md).
      if (page.items.length === 0)
        throw new TaxiiError('TAXII_NOT_FOUND', `no object ${objectId} in this collection`);
      return ctx.send(request, reply, 200, envelope(page), dateAddedHeaders(page.items));
    },
  );
  app.delete<{ Params: { collectionId: string; objectId: string } }>(
    url,
    { schema: { params: objectParams } },
    async (request, reply) => {
      const filters = parseFilters(
        request.query as Record<string, unknown>,
        ['version', 'spec_version'],
        ctx.limits,
      );
      const { collectionId, objectId } = request.params;
      await ctx.backend.deleteObject(ctx.callerOf(request), collectionId, objectId, filters);
      // Section 5.7: 200 with no payload defined.
      return ctx.send(request, reply, 200, {});
    },
  );
}
