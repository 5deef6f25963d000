/** Section 4.1: GET /taxii2/ — the discovery resource (4.1.1). */
import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../route-context.js';

/** Registers the discovery endpoint. */
export function registerDiscovery(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/', async (request, reply) => {
    ctx.callerOf(request);
    // Section 4.1.1: API root URLs may be relative, beginning with a single `/`.
    const apiRoot = `${app.prefix}${ctx.apiRootPath}`;
    return ctx.send(request, reply, 200, {
      title: ctx.discovery.title,
      ...(ctx.discovery.description === undefined ? {} : { description: ctx.discovery.description }),
      ...(ctx.discovery.contact === undefined ? {} : { contact: ctx.discovery.contact }),
      default: apiRoot,
      api_roots: [apiRoot],
    });
  });
}
