/** A node with organisations, users and collections on a temporary SQLite store, for inject() tests. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { addCollection, addOrganization, addToken, addUser } from '../../../src/core/index.js';
import { buildServer } from '../../../src/server/index.js';
import { openStore, type Store } from '../../../src/store/index.js';

/** Media type every request sends in Accept. */
export const TAXII = 'application/taxii+json;version=2.1';
/** Cheap scrypt parameters: tests need speed, not resistance. */
const FAST = { N: 1024, r: 8, p: 1 };

/** A running node under test. */
export interface Fixture {
  readonly app: FastifyInstance;
  readonly store: Store;
  /** Readable by all, writable by uk-ncsc and fr-anssi. */
  readonly shared: string;
  /** Read and write by uk-ncsc only. */
  readonly ukOnly: string;
  /** Readable by fr-anssi, writable by uk-ncsc. */
  readonly frRead: string;
  readonly token: string;
  close(): Promise<void>;
}

/** Basic credentials of a fixture user (password = `${username}-password`). */
export function basic(username: string): string {
  return `Basic ${Buffer.from(`${username}:${username}-password`).toString('base64')}`;
}

/** Builds the fixture: orgs uk-ncsc, fr-anssi, outsider; users alice (uk), rita (uk reader), bob (fr), eve (outsider). */
export async function makeFixture(options: { maxContentLength?: number } = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-taxii-'));
  const store = await openStore(join(dir, 'node.db'));
  for (const id of ['uk-ncsc', 'fr-anssi', 'outsider']) await addOrganization(store, { id });
  const users: [string, string, 'editor' | 'reader'][] = [
    ['alice', 'uk-ncsc', 'editor'],
    ['rita', 'uk-ncsc', 'reader'],
    ['bob', 'fr-anssi', 'editor'],
    ['eve', 'outsider', 'editor'],
  ];
  for (const [username, orgId, role] of users) {
    await addUser(store, { username, orgId, role, password: `${username}-password` }, FAST);
  }
  const shared = (
    await addCollection(store, { title: 'Shared', canRead: ['*'], canWrite: ['uk-ncsc', 'fr-anssi'] })
  ).id;
  const ukOnly = (
    await addCollection(store, { title: 'UK only', canRead: ['uk-ncsc'], canWrite: ['uk-ncsc'] })
  ).id;
  const frRead = (
    await addCollection(store, { title: 'FR reads', canRead: ['fr-anssi'], canWrite: ['uk-ncsc'] })
  ).id;
  const token = await addToken(store, 'alice');
  const app = buildServer({
    store,
    ...(options.maxContentLength ? { maxContentLength: options.maxContentLength } : {}),
    node: { auth: { cacheMs: 0 } },
  });
  await app.ready();
  return {
    app,
    store,
    shared,
    ukOnly,
    frRead,
    token,
    close: async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid STIX 2.1 indicator. */
export function indicator(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: '2021-07-19T12:00:00.000Z',
    modified: '2021-07-19T12:00:00.000Z',
    name: 'test',
    pattern: "[ipv4-addr:value = '198.51.100.3']",
    pattern_type: 'stix',
    valid_from: '2021-07-19T12:00:00Z',
    ...overrides,
  };
}

/** A valid STIX 2.1 malware object. */
export function malware(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'malware',
    spec_version: '2.1',
    id: `malware--${randomUUID()}`,
    created: '2021-07-19T12:00:00.000Z',
    modified: '2021-07-19T12:00:00.000Z',
    name: 'test malware',
    is_family: true,
    ...overrides,
  };
}

/** GET a TAXII URL as a user. */
export function get(
  f: Fixture,
  url: string,
  user = 'alice',
  accept = TAXII,
): Promise<LightMyRequestResponse> {
  return f.app.inject({ method: 'GET', url, headers: { accept, authorization: basic(user) } });
}

/** POST an envelope as a user. */
export function post(
  f: Fixture,
  collection: string,
  objects: unknown[],
  user = 'alice',
): Promise<LightMyRequestResponse> {
  return f.app.inject({
    method: 'POST',
    url: `/taxii2/api/collections/${collection}/objects/`,
    headers: { accept: TAXII, 'content-type': TAXII, authorization: basic(user) },
    payload: JSON.stringify({ objects }),
  });
}

/** The objects URL of a collection. */
export function objectsUrl(collection: string, query = ''): string {
  return `/taxii2/api/collections/${collection}/objects/${query}`;
}
