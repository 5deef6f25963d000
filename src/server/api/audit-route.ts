/** `GET /api/audit?limit=N&cursor=C&org=SLUG` (administrators): the audit log newest first, with each event's organisation. */
import type { FastifyInstance } from 'fastify';
import { auditPage } from '../../core/index.js';
import type { ApiContext } from './api-context.js';
import type { AuditList } from './api-types.js';
import { orgRefs } from './org-ref.js';

const QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    cursor: { type: 'string', maxLength: 64 },
    org: { type: 'string', maxLength: 200 },
  },
} as const;

/** Registers the route. */
export function registerAuditRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: { limit: number; cursor?: string; org?: string } }>(
    '/audit',
    { schema: { querystring: QUERY } },
    async (request): Promise<AuditList> => {
      const { limit, cursor, org } = request.query;
      const page = await auditPage(ctx.node.services, ctx.callerOf(request), {
        limit,
        ...(cursor === undefined ? {} : { before: cursor }),
        ...(org === undefined ? {} : { orgId: org }),
      });
      const refOf = await orgRefs(ctx.store);
      return {
        events: page.events.map((e) => ({
          at: e.at,
          action: e.action,
          org: e.orgId ? refOf(e.orgId) : null,
          username: e.username ?? null,
          detail: [e.detail, e.objectId, e.objectVersion, e.marking].filter((x) => x !== undefined).join(' '),
          ...(e.objectId === undefined ? {} : { objectId: e.objectId }),
          ...(e.marking === undefined ? {} : { marking: e.marking }),
        })),
        next: page.next ?? null,
      };
    },
  );
}
