/**
 * `accord serve` child processes on loopback for end-to-end federation tests: a temp database set
 * up with the same organisations everywhere, a fixed free port (so peers' URLs survive a
 * restart), start, SIGKILL, restart.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCollection, addOrganization, addUser } from '../../../src/core/index.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import { TaxiiClient } from '../../../src/taxii/client/index.js';
import { ROOT, ServeChild } from '../../support/serve-process-child.js';
import { eventually as waitForEventually } from '../../support/wait-for.js';

export { ROOT };

const MAIN = join(ROOT, 'src/cli/main.ts');

/** Organisations every node knows, with the same identity ids (CONTRACT.md `org add --identity`). */
export const ORGS = {
  us: 'identity--5c1d0a10-0000-4000-8000-0000000000b1',
  uk: 'identity--5c1d0a10-0000-4000-8000-0000000000b2',
  eu: 'identity--5c1d0a10-0000-4000-8000-0000000000b3',
  press: 'identity--5c1d0a10-0000-4000-8000-0000000000b4',
} as const;

export const COLLECTION = '6a8e2f0c-3b1d-4f7a-9c2e-5d4b3a2f1e00';

/** Every test user's password. */
export const pw = (username: string) => `pw-${username}-secret`;

/** Runs the CLI to completion; resolves with its exit status and output. */
export function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A free TCP port on 127.0.0.1 (free now; the node binds it shortly after). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** One node: its database, its port and, while running, its `accord serve` process. */
export class NodeProcess {
  readonly dir: string;
  readonly db: string;
  readonly url: string;
  readonly apiRoot: string;
  readonly #serve: ServeChild;

  constructor(
    readonly name: 'us' | 'uk' | 'eu',
    readonly port: number,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), `accord-e2e-${name}-`));
    this.db = join(this.dir, 'accord.db');
    this.url = `http://127.0.0.1:${port}`;
    this.apiRoot = `${this.url}/taxii2/api/`;
    this.#serve = new ServeChild(name, this.db, port);
  }

  /** Organisations, users (`admin`, `editor`, `press` reader, `<org>-peer` editors) and the shared collection. */
  async setUp(): Promise<void> {
    const store = new SqliteStore({ path: this.db });
    await store.init();
    for (const [id, identityId] of Object.entries(ORGS)) await addOrganization(store, { id, identityId });
    const users: [string, string, 'admin' | 'editor' | 'reader'][] = [
      ['admin', this.name, 'admin'],
      ['editor', this.name, 'editor'],
      ['press', 'press', 'reader'],
      ...(['us', 'uk', 'eu'] as const)
        .filter((o) => o !== this.name)
        .map((o): [string, string, 'editor'] => [`${o}-peer`, o, 'editor']),
    ];
    for (const [username, orgId, role] of users) {
      await addUser(store, { username, orgId, role, password: pw(username) }, { N: 1024, r: 8, p: 1 });
    }
    await addCollection(store, { id: COLLECTION, title: 'Joint', canRead: ['*'], canWrite: ['*'] });
    await store.close();
  }

  /** `accord peer add` (the node may be stopped). */
  async addPeer(peer: NodeProcess, dirs: readonly ('--pull' | '--push')[]): Promise<void> {
    const r = await cli([
      'peer',
      'add',
      peer.name,
      '--url',
      `${peer.url}/taxii2/`,
      '--user',
      `${this.name}-peer`,
      '--password',
      pw(`${this.name}-peer`),
      '--remote-collection',
      COLLECTION,
      '--collection',
      COLLECTION,
      ...dirs,
      '--interval',
      '1',
      '--db',
      this.db,
    ]);
    if (r.code !== 0) throw new Error(`peer add failed: ${r.stderr}`);
  }

  /** Starts `accord serve` and resolves once it prints its URL. */
  start(): Promise<void> {
    return this.#serve.start();
  }

  /** SIGKILL: no chance to flush or finish anything. */
  kill(): Promise<void> {
    return this.#serve.kill();
  }

  /** Stops the process (SIGKILL) and deletes the database folder. */
  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A TAXII client logged in as one of this node's users. */
  client(username: string): TaxiiClient {
    return new TaxiiClient({
      auth: { username, password: pw(username) },
      retry: { maxAttempts: 3, baseDelayMs: 20 },
    });
  }

  /** Every (id, version) the user sees, from the manifest (all versions), as `id|version` strings. */
  async entries(username: string, types?: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    const filter = { versions: ['all'], limit: 1000, ...(types ? { types } : {}) };
    for await (const page of this.client(username).manifestPages(this.apiRoot, COLLECTION, filter)) {
      for (const m of page.objects) out.push(`${m.id}|${m.version}`);
    }
    return out;
  }
}

/** Polls `check` every 100 ms until it is true or `ms` pass; resolves with whether it became true. */
export function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  return waitForEventually(check, { timeout: ms, interval: 100 });
}
