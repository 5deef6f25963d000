/** What the API routes share: the node's use cases and the authenticated caller of a request. */
import type { FastifyRequest } from 'fastify';
import type { AccordNode, Caller } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { Authenticated } from './api-auth.js';

/** Handed to every route of the API plugin. */
export interface ApiContext {
  readonly node: AccordNode;
  readonly store: Store;
  /** The caller the plugin's auth hook proved for this request. */
  callerOf(request: FastifyRequest): Caller;
  /** The node's name and Accord's version (`GET /api/node`). */
  readonly about: { readonly name: string; readonly version: string };
  /** The caller and, for the session cookie, its session. */
  authenticatedOf(request: FastifyRequest): Authenticated;
}
