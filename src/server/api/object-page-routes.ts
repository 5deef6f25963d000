/**
 * The object page's data: `GET /api/objects/:id/view|versions|relationships|sightings|access`.
 * Each calls one core use case that reads through the caller's plan; an object the caller may
 * not see is CORE_NOT_FOUND exactly as an unknown id (same status, headers and body).
 */
import type { FastifyInstance } from 'fastify';
import {
  explainAccess,
  objectPage,
  objectRelationships,
  objectSightings,
  visibleVersions,
} from '../../core/index.js';
import type { ApiContext } from './api-context.js';
import type {
  AccessExplanation,
  ObjectView,
  RelationshipList,
  SightingList,
  VersionList,
} from './api-types.js';
import { orgRef } from './org-ref.js';

const ID_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 300 } },
} as const;

const PAGE_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    cursor: { type: 'string', pattern: '^[0-9]{1,9}$' },
  },
} as const;

type ById = { Params: { id: string } };

/** Registers the five routes. */
export function registerObjectPageRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const opts = { schema: { params: ID_PARAMS } };

  app.get<ById>('/objects/:id/view', opts, async (request): Promise<ObjectView> => {
    const page = await objectPage(ctx.node.services, ctx.callerOf(request), request.params.id);
    return { ...page, author: page.author === null ? null : orgRef(page.author) };
  });

  app.get<ById>('/objects/:id/versions', opts, async (request): Promise<VersionList> => {
    const versions = await visibleVersions(ctx.node.services, ctx.callerOf(request), request.params.id);
    return { versions: versions.map((v) => ({ modified: v.version, object: v.object })) };
  });

  app.get<ById & { Querystring: { limit: number; cursor?: string } }>(
    '/objects/:id/relationships',
    { schema: { params: ID_PARAMS, querystring: PAGE_QUERY } },
    async (request): Promise<RelationshipList> => {
      const { limit, cursor } = request.query;
      const page = await objectRelationships(ctx.node.services, ctx.callerOf(request), request.params.id, {
        limit,
        ...(cursor === undefined ? {} : { cursor }),
      });
      return { relationships: page.items, total: page.total, next: page.next };
    },
  );

  app.get<ById>('/objects/:id/sightings', opts, async (request): Promise<SightingList> => {
    const sightings = await objectSightings(ctx.node.services, ctx.callerOf(request), request.params.id);
    return { sightings: sightings.map((s) => ({ ...s, by: s.by === null ? null : orgRef(s.by) })) };
  });

  app.get<ById>('/objects/:id/access', opts, async (request): Promise<AccessExplanation> => {
    const orgs = await explainAccess(ctx.node.services, ctx.callerOf(request), request.params.id);
    return {
      id: request.params.id,
      organisations: orgs.map((o) => ({ org: orgRef(o.org), canSee: o.canSee, reasons: o.reasons })),
    };
  });
}
