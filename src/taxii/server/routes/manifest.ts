/** Section 5.3: GET {api-root}/collections/{id}/manifest/ — manifest records (5.3.1), filtered and paged. */
import type { FastifyInstance } from 'fastify';
import { dateAddedHeaders, manifest } from '../resources.js';
import type { RouteContext } from '../route-context.js';
import { collectionParams } from './collection.js';
import { readCollectionPage } from './read-collection-page.js';

/** Registers the get-object-manifests endpoint. */
export function registerManifest(app: FastifyInstance, ctx: RouteContext): void {
  app.get<{ Params: { collectionId: string } }>(
    `${ctx.apiRootPath}collections/:collectionId/manifest/`,
    { schema: { params: collectionParams }, config: { stix: true } },
    async (request, reply) => {
      const page = await readCollectionPage(ctx, request, 'manifest');
      return ctx.send(request, reply, 200, manifest(page), dateAddedHeaders(page.items));
    },
  );
}
