/** The shared read of the objects (5.4) and manifest (5.3) endpoints: the same filters, one page. */
import type { FastifyRequest } from 'fastify';
import type { Page } from '../../../store/index.js';
import { parseFilters } from '../query-params.js';
import type { RouteContext } from '../route-context.js';
import type { VisibleEntry } from '../taxii-backend.js';

/** URL parameters both endpoints accept (sections 5.3 and 5.4). */
export const READ_PARAMETERS = [
  'added_after',
  'limit',
  'next',
  'id',
  'type',
  'version',
  'spec_version',
] as const;

/** Parses the request's filters and reads one page of the collection for its caller. */
export function readCollectionPage(
  ctx: RouteContext,
  request: FastifyRequest<{ Params: { collectionId: string } }>,
  purpose: 'objects' | 'manifest',
): Promise<Page<VisibleEntry>> {
  const filters = parseFilters(request.query as Record<string, unknown>, READ_PARAMETERS, ctx.limits);
  return ctx.backend.queryObjects(ctx.callerOf(request), request.params.collectionId, filters, purpose);
}
