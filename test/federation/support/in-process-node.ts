/**
 * A real Accord node in the test process: a SQLite store in a temp dir and the real server
 * (buildServer) listening on 127.0.0.1 and a random port. Every node knows the same
 * organisations with the same identity ids (CONTRACT.md `org add --identity`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCollection, addOrganization, addUser, configurePeer } from '../../../src/core/index.js';
import { buildServer } from '../../../src/server/build-server.js';
import type { Store } from '../../../src/store/index.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import { TaxiiClient } from '../../../src/taxii/client/index.js';

/** Organisations every test node knows, with fixed identity ids. */
export const ORGS = {
  us: 'identity--0b6a1a3e-0000-4000-8000-0000000000a1',
  uk: 'identity--0b6a1a3e-0000-4000-8000-0000000000a2',
  eu: 'identity--0b6a1a3e-0000-4000-8000-0000000000a3',
  press: 'identity--0b6a1a3e-0000-4000-8000-0000000000a4',
} as const;

/** The shared collection on every node. */
export const COLLECTION = '2f1c7c55-8d3e-4c8e-9a57-1f0f5c3c1001';

/** Password of every test user: `pw-<username>-secret`. */
export function passwordOf(username: string): string {
  return `pw-${username}-secret`;
}

/** `local` syncs with `remote`'s shared collection, logged in there as `<local>-peer`. */
export function linkPeer(
  local: TestNode,
  remote: TestNode,
  dirs: { readonly pull?: boolean; readonly push?: boolean },
  speaksFor?: string[],
) {
  return configurePeer(local.store, {
    name: remote.name,
    url: remote.discovery,
    username: `${local.name}-peer`,
    password: passwordOf(`${local.name}-peer`),
    remoteCollection: COLLECTION,
    localCollection: COLLECTION,
    ...dirs,
    ...(speaksFor === undefined ? {} : { speaksFor }),
  });
}

/** A running node. */
export interface TestNode {
  readonly name: string;
  readonly store: Store;
  readonly url: string;
  readonly discovery: string;
  readonly apiRoot: string;
  /** A TAXII client logged in as a user of this node. */
  client(username: string): TaxiiClient;
  close(): Promise<void>;
}

const CHEAP_HASH = { N: 1024, r: 8, p: 1 };

/**
 * Starts node `name` (its own organisation is `name`): users `admin` (admin of `name`), `editor`
 * (editor of `name`), `press` (reader of press), and `<org>-peer` (editor) for each other org.
 */
export async function startNode(name: 'us' | 'uk' | 'eu'): Promise<TestNode> {
  const dir = mkdtempSync(join(tmpdir(), `accord-fed-${name}-`));
  const store = new SqliteStore({ path: join(dir, 'node.db') });
  await store.init();
  for (const [id, identityId] of Object.entries(ORGS)) await addOrganization(store, { id, identityId });
  const users: [string, string, 'admin' | 'editor' | 'reader'][] = [
    ['admin', name, 'admin'],
    ['editor', name, 'editor'],
    ['press', 'press', 'reader'],
    ...(['us', 'uk', 'eu'] as const)
      .filter((o) => o !== name)
      .map((o): [string, string, 'editor'] => [`${o}-peer`, o, 'editor']),
  ];
  for (const [username, orgId, role] of users) {
    await addUser(store, { username, orgId, role, password: passwordOf(username) }, CHEAP_HASH);
  }
  await addCollection(store, { id: COLLECTION, title: 'Shared', canRead: ['*'], canWrite: ['*'] });
  const app = buildServer({ store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    name,
    store,
    url,
    discovery: `${url}/taxii2/`,
    apiRoot: `${url}/taxii2/api/`,
    client: (username) =>
      new TaxiiClient({ auth: { username, password: passwordOf(username) }, retry: { baseDelayMs: 5 } }),
    close: async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid STIX 2.1 indicator with a deterministic id, optionally marked. */
export function indicator(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const hex = n.toString(16).padStart(12, '0');
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--7d0c1f2e-1111-4222-8333-${hex}`,
    created: '2024-05-01T10:00:00.000Z',
    modified: '2024-05-01T10:00:00.000Z',
    name: `indicator ${n}`,
    pattern: `[ipv4-addr:value = '198.51.100.${n % 250}']`,
    pattern_type: 'stix',
    valid_from: '2024-05-01T10:00:00Z',
    ...extra,
  };
}
