/**
 * Test support for detection against a node: a SQLite node with organisations `a` (the indicator
 * producer), `b`, `c`, `d`, `e`, an editor `<org>-ed` each, one collection everyone reads and
 * writes, and the CLI commands `detect` and `sightings` run in-process against it.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AccordNode,
  addCollection,
  addOrganization,
  addUser,
  type Caller,
  callerOf,
  importFiles,
} from '../../../src/core/index.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import { runAccord } from '../../support/run-accord.js';

export const ORG_IDS = {
  a: 'identity--a0000000-0000-4000-8000-00000000000a',
  b: 'identity--b0000000-0000-4000-8000-00000000000b',
  c: 'identity--c0000000-0000-4000-8000-00000000000c',
  d: 'identity--d0000000-0000-4000-8000-00000000000d',
  e: 'identity--e0000000-0000-4000-8000-00000000000e',
} as const;
export type OrgName = keyof typeof ORG_IDS;

export const COLLECTION = '7d1e5c0a-9b2f-4c3d-8e4f-5a6b7c8d9e01';

/** A Zeek JSON dns record asking for `query` at epoch seconds `ts`. */
export function dnsLine(query: string, ts: number, uid = `C${ts}`): string {
  return JSON.stringify({
    _path: 'dns',
    ts,
    uid,
    'id.orig_h': '10.0.0.1',
    'id.orig_p': 5353,
    'id.resp_h': '10.0.0.2',
    'id.resp_p': 53,
    proto: 'udp',
    query,
  });
}

/** An indicator of `[domain-name:value = host]`. */
export function domainIndicator(n: number, host: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${n.toString(16).padStart(8, '0')}-0000-4000-8000-00000000d1e7`,
    created: '2021-07-19T09:00:00.000Z',
    modified: '2021-07-19T09:00:00.000Z',
    name: `indicator ${n}`,
    pattern: `[domain-name:value = '${host}']`,
    pattern_type: 'stix',
    valid_from: '2021-07-19T09:00:00Z',
    ...extra,
  };
}

/** A node in a temp folder, with the CLI run against its database. */
export class DetectNode {
  readonly dir = mkdtempSync(join(tmpdir(), 'accord-detect-node-'));
  readonly db = join(this.dir, 'node.db');
  #files = 0;

  async setUp(): Promise<void> {
    const store = await this.open();
    try {
      for (const [id, identityId] of Object.entries(ORG_IDS)) {
        await addOrganization(store, { id, identityId });
        await addUser(
          store,
          { username: `${id}-ed`, orgId: id, role: 'editor', password: 'long enough password' },
          { N: 1024, r: 8, p: 1 },
        );
      }
      await addCollection(store, { id: COLLECTION, title: 'Joint', canRead: ['*'], canWrite: ['*'] });
    } finally {
      await store.close();
    }
  }

  async open(): Promise<SqliteStore> {
    const store = new SqliteStore({ path: this.db });
    await store.init();
    return store;
  }

  /** Writes a file in the node's folder; returns its path. */
  file(text: string, ext = 'json'): string {
    const path = join(this.dir, `f${++this.#files}.${ext}`);
    writeFileSync(path, text);
    return path;
  }

  /** `accord import` of objects as a user. */
  async publish(username: string, objects: readonly unknown[]): Promise<void> {
    const store = await this.open();
    try {
      const r = await importFiles(store, {
        files: [this.file(JSON.stringify(objects))],
        collectionId: COLLECTION,
        username,
      });
      if (r.rejected > 0 || r.failed.length > 0) throw new Error(JSON.stringify(r));
    } finally {
      await store.close();
    }
  }

  /** What `username` sees in the collection through the TAXII use case (latest versions). */
  async seen(username: string, types?: readonly string[]): Promise<Record<string, unknown>[]> {
    const store = await this.open();
    try {
      const node = new AccordNode({ store });
      const caller: Caller = await callerOf(store, username);
      const page = await node.queryObjects(
        caller,
        COLLECTION,
        { limit: 1000, ...(types ? { types } : {}) },
        'objects',
      );
      return page.items.map((e) => ({ ...e.object }));
    } finally {
      await store.close();
    }
  }

  /** Every stored version of an id (all organisations), read from the store directly (for checks). */
  async versions(id: string): Promise<Record<string, unknown>[]> {
    const store = await this.open();
    try {
      return (await store.getVersions(COLLECTION, id)).map((r) => JSON.parse(r.json));
    } finally {
      await store.close();
    }
  }

  /** Runs `accord …` (detect or sightings) in-process against the node's database, ending as cli/main.ts does. */
  async cli(args: readonly string[]): Promise<{ out: string; err: string; code: number }> {
    return runAccord(args, async (db) => {
      const store = new SqliteStore({ path: db ?? this.db });
      await store.init();
      return store;
    });
  }

  destroy(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The objects of JSON lines. */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
