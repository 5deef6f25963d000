/**
 * The node's JSON API (CONTRACT.md "Web console") as one encapsulated Fastify plugin, mounted
 * under `/api`. Its own hook authenticates every request with the accounts TAXII uses (HTTP
 * Basic or bearer token, through core's authenticator, or the web console's session cookie with
 * its CSRF checks, api-auth.ts) before any route or 404; its own error
 * handler answers `{"error": {"code", "message"}}`. Reads go through core's query functions,
 * hence through policy: the API shows nothing TAXII would not.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AccordNode } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { HttpErrorOf } from '../../taxii/index.js';
import { type Authenticated, authenticateRequest, checkSignIn, isSignIn } from './api-auth.js';
import type { ApiContext } from './api-context.js';
import { ApiError, sendApiError } from './api-error-handler.js';
import { registerAuditRoute } from './audit-route.js';
import { registerHomeRoute } from './home-route.js';
import { registerIntelRoutes } from './intel-routes.js';
import { registerNodeRoute } from './node-route.js';
import { registerObjectPageRoutes } from './object-page-routes.js';
import { registerObjectRoute } from './object-route.js';
import { openApiDocument, type RegisteredRoute } from './openapi.js';
import { registerPeersRoute } from './peers-route.js';
import { registerSearchRoutes } from './search-route.js';
import { registerSessionRoutes } from './session-route.js';

/** Options of the API plugin. */
export interface ApiPluginOptions {
  readonly node: AccordNode;
  readonly store: Store;
  /** HTTP status, code and message of the node's domain errors. */
  readonly httpErrorOf: HttpErrorOf;
  readonly about?: ApiAbout;
}

/** What `GET /api/node` says of the node. */
export interface ApiAbout {
  readonly name?: string;
  readonly version?: string;
}

/** The JSON API plugin; register it with `{ prefix: '/api' }`. */
export const apiPlugin: FastifyPluginAsync<ApiPluginOptions> = async (app, options) => {
  const callers = new WeakMap<FastifyRequest, Authenticated>();
  const authenticatedOf = (request: FastifyRequest): Authenticated => {
    const who = callers.get(request);
    if (!who) throw new ApiError(500, 'API_INTERNAL', 'request was not authenticated');
    return who;
  };
  const ctx: ApiContext = {
    node: options.node,
    store: options.store,
    callerOf: (request) => authenticatedOf(request).caller,
    authenticatedOf,
    about: { name: options.about?.name ?? 'Accord', version: options.about?.version ?? 'unknown' },
  };

  app.setErrorHandler((err, request, reply) => sendApiError(err, request, reply, options.httpErrorOf));
  app.addHook('onRequest', async (request) => {
    if (isSignIn(request)) checkSignIn(request);
    else callers.set(request, await authenticateRequest(request, options.node));
  });
  // Answers are per caller and may be restricted: no browser or proxy keeps a copy.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  // Unknown API URLs are answered after authentication, so they tell strangers nothing.
  app.setNotFoundHandler(async () => {
    throw new ApiError(404, 'API_NOT_FOUND', 'no such API resource');
  });

  // Every route registered below, as the OpenAPI document describes it.
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      routes.push({
        method,
        url: route.url,
        ...(route.schema ? { schema: route.schema as RegisteredRoute['schema'] } : {}),
      });
  });
  app.get('/openapi.json', async () => openApiDocument(routes, ctx.about.version));

  registerSessionRoutes(app, ctx);
  registerNodeRoute(app, ctx);
  registerSearchRoutes(app, ctx);
  registerObjectRoute(app, ctx);
  registerObjectPageRoutes(app, ctx);
  registerIntelRoutes(app, ctx);
  registerHomeRoute(app, ctx);
  registerAuditRoute(app, ctx);
  registerPeersRoute(app, ctx);
};
