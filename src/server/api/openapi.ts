/**
 * `GET /api/openapi.json`: an OpenAPI 3.1 document of every route of the API plugin, derived
 * from the routes as Fastify registered them (paths, path and query parameters, request bodies
 * from their JSON schemas), with a summary and answer type per route kept here (a test checks
 * that every registered route has one). Shapes are named after src/server/api/api-types.ts.
 */

/** A route as the plugin's onRoute hook saw it. */
export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  readonly schema?:
    | {
        readonly params?: unknown;
        readonly querystring?: unknown;
        readonly body?: unknown;
      }
    | undefined;
}

/** Summary and answer (an api-types.ts name) of each route, by "METHOD /api/path". */
export const ROUTE_DOCS: Readonly<Record<string, { readonly summary: string; readonly answer: string }>> = {
  'POST /api/session': { summary: 'Sign in (sets the session cookie)', answer: 'SessionInfo' },
  'GET /api/session': { summary: 'Who is signed in, with the CSRF token', answer: 'SessionInfo' },
  'DELETE /api/session': { summary: 'Sign out', answer: 'none (204)' },
  'GET /api/node': {
    summary: "The node's name, the caller's organisation, the server's clock",
    answer: 'NodeInfo',
  },
  'GET /api/search': {
    summary: 'Search by name, alias, external id, indicator value or id',
    answer: 'SearchResults',
  },
  'POST /api/search/values': { summary: 'Bulk lookup: which values are known', answer: 'ValueLookup' },
  'GET /api/objects/{id}': {
    summary: 'The newest visible version of an object (raw STIX)',
    answer: 'STIX object',
  },
  'GET /api/objects/{id}/view': {
    summary: "The object page's heading and validator verdict",
    answer: 'ObjectView',
  },
  'GET /api/objects/{id}/versions': { summary: 'Every visible version, oldest first', answer: 'VersionList' },
  'GET /api/objects/{id}/relationships': {
    summary: 'Relationships in both directions',
    answer: 'RelationshipList',
  },
  'GET /api/objects/{id}/sightings': { summary: 'Sightings of the object', answer: 'SightingList' },
  'GET /api/objects/{id}/access': { summary: 'Who can see the object and why', answer: 'AccessExplanation' },
  'GET /api/attribution': { summary: 'The attribution consensus matrix', answer: 'AttributionMatrix' },
  'GET /api/attribution/claims/{id}': {
    summary: 'A claim or dispute of the matrix with the evidence the caller sees',
    answer: 'AttributionClaim',
  },
  'GET /api/advisories': { summary: 'Joint advisories the caller sees', answer: 'AdvisoryList' },
  'GET /api/advisories/{id}': { summary: 'One joint advisory', answer: 'AdvisoryInfo' },
  'GET /api/advisories/{id}/release': {
    summary: 'Released state of the advisory on this node and on each peer',
    answer: 'AdvisoryReleases',
  },
  'POST /api/advisories/{id}/sign': { summary: "Sign the advisory's current text", answer: 'AdvisoryInfo' },
  'GET /api/home': { summary: 'The home page', answer: 'HomeInfo' },
  'GET /api/audit': { summary: 'The audit log, newest first (administrators)', answer: 'AuditList' },
  'GET /api/peers': {
    summary: 'Federation peers and their state (administrators)',
    answer: '{"peers": [...]}',
  },
  'POST /api/peers/{name}/test': {
    summary: 'Test the connection to a peer (administrators)',
    answer: '{"name", "steps"}',
  },
  'GET /api/openapi.json': { summary: 'This document', answer: 'OpenAPI 3.1 document' },
};

/** Fastify's `/a/:id` as OpenAPI's `/a/{id}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

type JsonSchema = { readonly properties?: Record<string, unknown>; readonly required?: readonly string[] };

function parameters(schema: unknown, where: 'path' | 'query'): unknown[] {
  const s = (schema ?? {}) as JsonSchema;
  return Object.entries(s.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: property,
  }));
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  },
};

/** The OpenAPI 3.1 document of the routes. */
export function openApiDocument(
  routes: readonly RegisteredRoute[],
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    if (r.method === 'HEAD' || r.method === 'OPTIONS') continue;
    const path = openApiPath(r.url);
    const doc = ROUTE_DOCS[`${r.method} ${path}`];
    const operation: Record<string, unknown> = {
      summary: doc?.summary ?? path,
      description: `Answer: ${doc?.answer ?? 'JSON'} (docs/reference/api.md; shapes in src/server/api/api-types.ts).`,
      parameters: [...parameters(r.schema?.params, 'path'), ...parameters(r.schema?.querystring, 'query')],
      responses: {
        [r.method === 'DELETE' ? '204' : '200']: { description: doc?.answer ?? 'JSON' },
        default: {
          description: 'An error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
        },
      },
    };
    if (r.schema?.body !== undefined)
      operation.requestBody = { required: true, content: { 'application/json': { schema: r.schema.body } } };
    if (r.url === '/api/session' && r.method === 'POST') operation.security = [];
    paths[path] = { ...paths[path], [r.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Accord JSON API',
      version,
      description: 'The JSON API of an Accord node (docs/reference/api.md).',
    },
    servers: [{ url: '/' }],
    security: [{ basic: [] }, { bearer: [] }, { session: [] }],
    paths,
    components: {
      schemas: { ApiError: ERROR_SCHEMA },
      securitySchemes: {
        basic: { type: 'http', scheme: 'basic' },
        bearer: { type: 'http', scheme: 'bearer', description: 'An Accord token (`accord token add`)' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'accord_session',
          description: 'The web console session; state-changing requests also need X-CSRF-Token',
        },
      },
    },
  };
}
