/**
 * The TAXII 2.1 server as one encapsulated Fastify plugin, mounted under `/taxii2` (section
 * 8.2.1). Hooks negotiate the media type (406) and authenticate (401) before any handler; the
 * body parser accepts only TAXII/STIX JSON (415) up to max_content_length (413), in strict
 * UTF-8 (400), nested at most maxDepth deep (422) with at most maxDocumentKeys keys (413).
 * Errors are thrown and turned into error resources by the plugin's one error handler, set
 * inside the plugin so that it answers for `/taxii2` only (Fastify encapsulation).
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  type DocumentProblem,
  type DuplicateKey,
  type InputLimits,
  inputLimits,
  readJsonDocument,
} from '../../stix/index.js';
import { isAcceptedContentType, negotiate, TAXII_MEDIA_TYPE } from '../media-types.js';
import { TaxiiError } from '../taxii-error.js';
import type { LimitOptions } from './query-params.js';
import { JsonBytes } from './resources.js';
import type { RouteContext, TaxiiRouteConfig } from './route-context.js';
import { registerApiRoot } from './routes/api-root.js';
import { registerCollection } from './routes/collection.js';
import { registerCollections } from './routes/collections.js';
import { registerDiscovery } from './routes/discovery.js';
import { registerManifest } from './routes/manifest.js';
import { registerObject } from './routes/object.js';
import { registerObjects } from './routes/objects.js';
import { registerStatus } from './routes/status.js';
import { registerVersions } from './routes/versions.js';
import type { TaxiiBackend, TaxiiCaller } from './taxii-backend.js';
import { type HttpErrorOf, sendTaxiiError } from './taxii-error-handler.js';

/** Options of the TAXII plugin. */
export interface TaxiiPluginOptions {
  readonly backend: TaxiiBackend;
  /** Section 4.2.1 max_content_length: largest request body accepted (default 10 MiB). */
  readonly maxContentLength?: number;
  readonly limits?: Partial<LimitOptions>;
  /** Depth and key limits of a POSTed envelope (default DEFAULT_INPUT_LIMITS). */
  readonly inputLimits?: Partial<InputLimits>;
  /** Name of the single API root (default `api`, served at `/taxii2/api/`). */
  readonly apiRoot?: string;
  readonly title?: string;
  readonly description?: string;
  readonly contact?: string;
  /** HTTP status, code and message of the node's domain errors (the composition root maps them). */
  readonly httpErrorOf?: HttpErrorOf;
}

/** Default largest request body: 10 MiB. */
export const DEFAULT_MAX_CONTENT_LENGTH = 10 * 1024 * 1024;

const OTHER_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** The TAXII error of a body the STIX reader refused. */
function bodyError(problem: DocumentProblem): TaxiiError {
  switch (problem.code) {
    case 'STIX_INVALID_UTF8':
      return new TaxiiError('TAXII_INVALID_UTF8', `the request body is not UTF-8: ${problem.message}`);
    case 'STIX_TOO_DEEP':
      return new TaxiiError('TAXII_TOO_DEEP', problem.message);
    case 'STIX_TOO_MANY_KEYS':
      return new TaxiiError('TAXII_TOO_MANY_KEYS', problem.message);
    case 'STIX_JSON_SYNTAX':
      return new TaxiiError('TAXII_INVALID_JSON', `the request body is not valid JSON: ${problem.message}`);
  }
}

/** The TAXII 2.1 server plugin; register it with `{ prefix: '/taxii2' }`. */
export const taxiiPlugin: FastifyPluginAsync<TaxiiPluginOptions> = async (app, options) => {
  const callers = new WeakMap<FastifyRequest, TaxiiCaller>();
  const mediaTypes = new WeakMap<FastifyRequest, string>();
  const duplicateKeys = new WeakMap<object, ReadonlyMap<number, DuplicateKey>>();
  const maxContentLength = options.maxContentLength ?? DEFAULT_MAX_CONTENT_LENGTH;
  const limits = inputLimits(options.inputLimits);
  const ctx: RouteContext = {
    backend: options.backend,
    limits: { defaultLimit: options.limits?.defaultLimit ?? 100, maxLimit: options.limits?.maxLimit ?? 1000 },
    maxContentLength,
    apiRootPath: `/${options.apiRoot ?? 'api'}/`,
    discovery: {
      title: options.title ?? 'Accord TAXII 2.1 server',
      ...(options.description === undefined ? {} : { description: options.description }),
      ...(options.contact === undefined ? {} : { contact: options.contact }),
    },
    duplicateKeysOf(body) {
      return typeof body === 'object' && body !== null ? duplicateKeys.get(body) : undefined;
    },
    callerOf(request) {
      const caller = callers.get(request);
      if (!caller) throw new TaxiiError('TAXII_INTERNAL', 'request was not authenticated');
      return caller;
    },
    // A Buffer payload keeps the Content-Type exactly as TAXII 2.1 section 1.6.8.2 writes it.
    send(request, reply, status, body, headers = {}) {
      return reply
        .code(status)
        .headers(headers)
        .header('content-type', mediaTypes.get(request) ?? TAXII_MEDIA_TYPE)
        .send(body instanceof JsonBytes ? body.bytes : Buffer.from(JSON.stringify(body)));
    },
  };

  app.setErrorHandler((err, request, reply) => sendTaxiiError(err, request, reply, options.httpErrorOf));
  app.setNotFoundHandler((request, reply) =>
    sendTaxiiError(
      new TaxiiError('TAXII_NOT_FOUND', 'no such resource (TAXII URLs end with a slash)'),
      request,
      reply,
    ),
  );

  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config as TaxiiRouteConfig;
    // An unknown URL is 404 before negotiation and authentication, as it was on the root.
    if (config.open || request.is404) return;
    // Section 3.1: requests MUST include a TAXII media range in Accept; otherwise 406.
    const mediaType = negotiate(request.headers.accept, config.stix === true);
    if (!mediaType) {
      throw new TaxiiError('TAXII_NOT_ACCEPTABLE', `Accept must include ${TAXII_MEDIA_TYPE}`);
    }
    mediaTypes.set(request, mediaType);
    // Section 1.6.9: every endpoint requires authentication (401 with WWW-Authenticate).
    callers.set(request, await options.backend.authenticate(request.headers.authorization, request.ip));
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxContentLength }, (request, body, done) => {
    // Section 5.5: the add-objects endpoint takes application/taxii+json;version=2.1 (415 otherwise).
    if (!isAcceptedContentType(request.headers['content-type'])) {
      done(
        new TaxiiError('TAXII_UNSUPPORTED_MEDIA_TYPE', `Content-Type must be ${TAXII_MEDIA_TYPE}`),
        undefined,
      );
      return;
    }
    const document = readJsonDocument(body as Buffer, limits);
    if (!document.ok) {
      done(bodyError(document.problem), undefined);
      return;
    }
    const { value: parsed, duplicates } = document;
    // JSON.parse keeps the last of two equal keys, where another reader may keep the first.
    if (duplicates?.envelope !== undefined) {
      const { key, where } = duplicates.envelope;
      done(
        new TaxiiError(
          'TAXII_UNPROCESSABLE',
          `the envelope has the key ${key} twice (${where}); keys must be unique (STIX 2.1 section 2.3)`,
        ),
        undefined,
      );
      return;
    }
    if (duplicates !== undefined && typeof parsed === 'object' && parsed !== null)
      duplicateKeys.set(parsed, duplicates.objects);
    done(null, parsed);
  });
  app.addHook('preHandler', async (request) => {
    if (request.method === 'POST' && request.body === undefined) {
      if (!isAcceptedContentType(request.headers['content-type'])) {
        throw new TaxiiError('TAXII_UNSUPPORTED_MEDIA_TYPE', `Content-Type must be ${TAXII_MEDIA_TYPE}`);
      }
      throw new TaxiiError('TAXII_UNPROCESSABLE', 'the request has no envelope');
    }
  });

  registerDiscovery(app, ctx);
  registerApiRoot(app, ctx);
  registerStatus(app, ctx);
  registerCollections(app, ctx);
  registerCollection(app, ctx);
  registerManifest(app, ctx);
  registerObjects(app, ctx);
  registerObject(app, ctx);
  registerVersions(app, ctx);
  registerMethodNotAllowed(app, ctx.apiRootPath);
};

/** Answers 405 with `Allow` for methods a TAXII URL does not define (sections 4 and 5 list them). */
function registerMethodNotAllowed(app: FastifyInstance, apiRoot: string): void {
  const collection = `${apiRoot}collections/:collectionId/`;
  const object = `${collection}objects/:objectId/`;
  const table: readonly (readonly [string, readonly string[]])[] = [
    ['/', ['GET']],
    [apiRoot, ['GET']],
    [`${apiRoot}status/:statusId/`, ['GET']],
    [`${apiRoot}collections/`, ['GET']],
    [collection, ['GET']],
    [`${collection}manifest/`, ['GET']],
    [`${collection}objects/`, ['GET', 'POST']],
    [object, ['GET', 'DELETE']],
    [`${object}versions/`, ['GET']],
  ];
  for (const [url, allowed] of table) {
    app.route({
      method: OTHER_METHODS.filter((m) => !allowed.includes(m)),
      url,
      config: { open: true },
      handler: async () => {
        throw new TaxiiError('TAXII_METHOD_NOT_ALLOWED', 'method not allowed on this URL', {
          Allow: [...allowed, 'HEAD'].join(', '),
        });
      },
    });
  }
}
