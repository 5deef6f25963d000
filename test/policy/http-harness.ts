/**
 * A node for the policy HTTP tests: in-memory SQLite store and the real Fastify app
 * (`buildServer`, driven by `inject()`), both on one clock the test moves.
 */

import type { FastifyInstance } from 'fastify';
import { addCollection, addUser } from '../../src/core/index.js';
import { buildServer } from '../../src/server/build-server.js';
import { asMicros } from '../../src/stix/index.js';
import type { Store } from '../../src/store/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';

/** Accept header of TAXII 2.1 requests (section 1.6.8). */
export const TAXII = 'application/taxii+json;version=2.1';
const API = '/taxii2/api/';
/** Cheap scrypt for test users; the hash records its own parameters. */
const FAST_HASH = { N: 16, r: 1, p: 1 };
const PASSWORD = 'correct horse battery';

/** A response as the tests look at it. */
export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | undefined>;
  readonly body: Record<string, unknown>;
}

/** One test node and helpers to drive it as a given user. */
export interface TestNode {
  readonly store: Store;
  readonly app: FastifyInstance;
  /** Sets the clock of both the store (date_added) and the node (embargo, `now`), in µs. */
  setNow(us: number): void;
  addOrg(slug: string, identityId: string): Promise<void>;
  /** Adds an editor `slug-user` of the organisation; returns the username. */
  addUser(orgSlug: string): Promise<string>;
  addCollection(id: string, canRead: readonly string[], canWrite: readonly string[]): Promise<void>;
  post(user: string, collectionId: string, objects: readonly unknown[]): Promise<Reply>;
  /** GET `{api-root}{path}` with query parameters. */
  get(user: string, path: string, query?: Record<string, string>): Promise<Reply>;
  close(): Promise<void>;
}

/** Builds a fresh node at time `start` (µs). */
export async function testNode(start: number): Promise<TestNode> {
  let now = asMicros(start);
  const store = new SqliteStore({ path: ':memory:', clock: () => now });
  await store.init();
  const app = buildServer({ store, node: { now: () => now } });
  const auth = (user: string) => `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`;
  const reply = (r: { statusCode: number; headers: Record<string, unknown>; body: string }): Reply => ({
    status: r.statusCode,
    headers: Object.fromEntries(
      Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v === undefined ? undefined : String(v)]),
    ),
    body: r.body === '' ? {} : (JSON.parse(r.body) as Record<string, unknown>),
  });
  return {
    store,
    app,
    setNow: (us) => {
      now = asMicros(us);
    },
    addOrg: (slug, identityId) => store.addOrganization({ id: slug, name: slug, identityId }),
    async addUser(orgSlug) {
      const username = `${orgSlug}-user`;
      await addUser(store, { username, orgId: orgSlug, password: PASSWORD, role: 'editor' }, FAST_HASH);
      return username;
    },
    async addCollection(id, canRead, canWrite) {
      await addCollection(store, { id, title: id, canRead, canWrite });
    },
    async post(user, collectionId, objects) {
      const r = await app.inject({
        method: 'POST',
        url: `${API}collections/${collectionId}/objects/`,
        headers: { accept: TAXII, 'content-type': TAXII, authorization: auth(user) },
        payload: JSON.stringify({ objects }),
      });
      return reply(r);
    },
    async get(user, path, query = {}) {
      const r = await app.inject({
        method: 'GET',
        url: `${API}${path}`,
        query,
        headers: { accept: TAXII, authorization: auth(user) },
      });
      return reply(r);
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}
