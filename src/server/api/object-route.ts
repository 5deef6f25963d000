/**
 * `GET /api/objects/:id` (CONTRACT.md "Web console"): the newest version of an object the caller
 * may see, from any collection it may read, as policy lets it see it (redacted if need be). To
 * everyone else the answer is exactly that of an unknown id: same status, headers and body.
 */
import type { FastifyInstance } from 'fastify';
import { CoreError, type VisibleEntry } from '../../core/index.js';
import { timestampMicros } from '../../stix/index.js';
import type { ApiContext } from './api-context.js';

/** One message for absent and hidden alike: it must not depend on the id or on why. */
const NOT_FOUND = 'no such object';

function newer(a: VisibleEntry | undefined, b: VisibleEntry): VisibleEntry {
  if (a === undefined) return b;
  // STIX timestamps vary in precision, so they compare as instants, not as strings.
  return (timestampMicros(b.version) ?? 0) > (timestampMicros(a.version) ?? 0) ? b : a;
}

/** Registers the route. */
export function registerObjectRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Params: { id: string } }>(
    '/objects/:id',
    { schema: { params: { type: 'object', properties: { id: { type: 'string', maxLength: 300 } } } } },
    async (request, reply) => {
      const caller = ctx.callerOf(request);
      let newest: VisibleEntry | undefined;
      for (const access of await ctx.node.listCollections(caller)) {
        if (!access.canRead) continue;
        const page = await ctx.node.getObject(caller, access.collection.id, request.params.id, {
          versions: { kind: 'last' },
          limit: 1,
        });
        for (const entry of page.items) newest = newer(newest, entry);
      }
      if (newest === undefined) throw new CoreError('CORE_NOT_FOUND', NOT_FOUND);
      return reply.type('application/json; charset=utf-8').send(newest.json ?? JSON.stringify(newest.object));
    },
  );
}
