/** What every TAXII route file receives from the plugin: the backend, limits and per-request facts. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DuplicateKey } from '../../stix/index.js';
import type { LimitOptions } from './query-params.js';
import type { TaxiiBackend, TaxiiCaller } from './taxii-backend.js';

/** Shared by the route files of one plugin instance. */
export interface RouteContext {
  readonly backend: TaxiiBackend;
  readonly limits: LimitOptions;
  readonly maxContentLength: number;
  /** Path of the API root below the plugin prefix, e.g. `/api/`. */
  readonly apiRootPath: string;
  readonly discovery: { readonly title: string; readonly description?: string; readonly contact?: string };
  /** The objects of a parsed envelope that had a duplicate key, by index (set by the body parser). */
  duplicateKeysOf(body: unknown): ReadonlyMap<number, DuplicateKey> | undefined;
  /** The authenticated caller of a request (set by the plugin's onRequest hook). */
  callerOf(request: FastifyRequest): TaxiiCaller;
  /** Sends a TAXII resource with the negotiated media type and extra headers. */
  send(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body: unknown,
    headers?: Record<string, string>,
  ): FastifyReply;
}

/** Per-route options read by the plugin's hooks. */
export interface TaxiiRouteConfig {
  /** The endpoint returns STIX content, so `application/stix+json` is acceptable too. */
  readonly stix?: boolean;
  /** Answered before negotiation and authentication (405 stubs). */
  readonly open?: boolean;
}
