/**
 * `GET /api/search?q=TEXT&type=T&limit=N&cursor=C` and `POST /api/search/values` (bulk paste):
 * core's searchObjects and lookupValues, which pass every hit through the caller's plan.
 */
import type { FastifyInstance } from 'fastify';
import { lookupValues, MAX_LOOKUP_VALUES, searchObjects } from '../../core/index.js';
import type { ApiContext } from './api-context.js';
import type { SearchResults, ValueLookup } from './api-types.js';

const SEARCH_QUERY = {
  type: 'object',
  required: ['q'],
  additionalProperties: false,
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 200 },
    // `type=a&type=b` or `type=a,b`.
    type: {
      anyOf: [
        { type: 'string', maxLength: 1000 },
        { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 250 } },
      ],
    },
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    cursor: { type: 'string', maxLength: 2000 },
  },
} as const;

const VALUES_BODY = {
  type: 'object',
  required: ['values'],
  additionalProperties: false,
  properties: {
    values: { type: 'array', maxItems: MAX_LOOKUP_VALUES, items: { type: 'string', maxLength: 2048 } },
  },
} as const;

interface SearchQuerystring {
  q: string;
  type?: string | string[];
  limit: number;
  cursor?: string;
}

function typesOf(type: string | string[] | undefined): string[] {
  const list = type === undefined ? [] : Array.isArray(type) ? type : [type];
  return list
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .slice(0, 20);
}

/** Registers the two routes. */
export function registerSearchRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: SearchQuerystring }>(
    '/search',
    { schema: { querystring: SEARCH_QUERY } },
    async (request): Promise<SearchResults> => {
      const { q, type, limit, cursor } = request.query;
      const page = await searchObjects(ctx.node.services, ctx.callerOf(request), {
        text: q,
        types: typesOf(type),
        limit,
        ...(cursor === undefined ? {} : { cursor }),
      });
      return { query: q, results: page.results, next: page.next };
    },
  );

  app.post<{ Body: { values: string[] } }>(
    '/search/values',
    { schema: { body: VALUES_BODY } },
    async (request): Promise<ValueLookup> =>
      lookupValues(ctx.node.services, ctx.callerOf(request), request.body.values),
  );
}
