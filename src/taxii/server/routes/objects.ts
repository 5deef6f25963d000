/**
 * Section 5.4: GET {api-root}/collections/{id}/objects/ — an envelope (3.7), filtered and paged;
 * section 5.5: POST — adds the objects of an envelope and answers 202 with the status (4.3.1).
 */
import type { FastifyInstance } from 'fastify';
import { TaxiiError } from '../../taxii-error.js';
import { parseFilters } from '../query-params.js';
import { bodyDateHeaders, envelopeOfBody, statusResource } from '../resources.js';
import type { RouteContext } from '../route-context.js';
import { collectionParams } from './collection.js';
import { READ_PARAMETERS } from './read-collection-page.js';

/** Registers the get-objects and add-objects endpoints. */
export function registerObjects(app: FastifyInstance, ctx: RouteContext): void {
  const url = `${ctx.apiRootPath}collections/:collectionId/objects/`;
  app.get<{ Params: { collectionId: string } }>(
    url,
    { schema: { params: collectionParams }, config: { stix: true } },
    async (request, reply) => {
      const filters = parseFilters(request.query as Record<string, unknown>, READ_PARAMETERS, ctx.limits);
      const page = await ctx.backend.queryObjectsBody(
        ctx.callerOf(request),
        request.params.collectionId,
        filters,
      );
      return ctx.send(request, reply, 200, envelopeOfBody(page), bodyDateHeaders(page));
    },
  );
  app.post<{ Params: { collectionId: string } }>(
    url,
    { schema: { params: collectionParams } },
    async (request, reply) => {
      const objects = envelopeObjects(request.body);
      const status = await ctx.backend.addObjects(
        ctx.callerOf(request),
        request.params.collectionId,
        objects,
        ctx.duplicateKeysOf(request.body),
      );
      return ctx.send(request, reply, 202, statusResource(status));
    },
  );
}

/** Section 5.5: "clients MUST deliver all objects in a TAXII envelope"; anything else is 422. */
function envelopeObjects(body: unknown): readonly unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TaxiiError('TAXII_UNPROCESSABLE', 'the request body must be a TAXII envelope (a JSON object)');
  }
  const objects = (body as { objects?: unknown }).objects;
  if (objects === undefined) return [];
  if (!Array.isArray(objects))
    throw new TaxiiError('TAXII_UNPROCESSABLE', 'the envelope\'s "objects" must be a list');
  return objects;
}
