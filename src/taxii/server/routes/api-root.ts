/** Section 4.2: GET {api-root}/ — the API root resource (4.2.1) with max_content_length. */
import type { FastifyInstance } from 'fastify';
import { TAXII_MEDIA_TYPE } from '../../media-types.js';
import type { RouteContext } from '../route-context.js';

/** Registers the API root information endpoint. */
export function registerApiRoot(app: FastifyInstance, ctx: RouteContext): void {
  app.get(ctx.apiRootPath, async (request, reply) => {
    ctx.callerOf(request);
    return ctx.send(request, reply, 200, {
      title: ctx.discovery.title,
      ...(ctx.discovery.description === undefined ? {} : { description: ctx.discovery.description }),
      versions: [TAXII_MEDIA_TYPE],
      max_content_length: ctx.maxContentLength,
    });
  });
}
