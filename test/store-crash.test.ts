import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { asMicros } from '../src/stix/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';

const CHILD = fileURLToPath(new URL('./support/store-crash-child.ts', import.meta.url));
const BATCH = 250;
const ACKS_BEFORE_KILL = 12;
const dir = mkdtempSync(join(tmpdir(), 'accord-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child until it has acknowledged `acks` batches, then SIGKILLs it mid-ingest. */
function ingestThenKill(
  path: string,
  acks: number,
): Promise<{ acked: Map<number, string[]>; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, 'c', String(BATCH)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked = new Map<number, string[]>();
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^ack (\d+) (.+)$/.exec(line);
        if (m) acked.set(Number(m[1]), (m[2] as string).split(','));
        nl = buffer.indexOf('\n');
      }
      // Kill at a varying point inside the next batch's transaction.
      if (acked.size === acks) setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 20));
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited early (${code}): ${stderr}`));
      else resolve({ acked, signal });
    });
  });
}

describe('durability under SIGKILL', () => {
  it('every acknowledged object survives a SIGKILL mid-ingest, complete, and date_added stays strictly increasing', async () => {
    const path = join(dir, 'crash.db');
    const setup = new SqliteStore({ path });
    await setup.init();
    await setup.addCollection({ id: 'c', title: 'crash', canRead: ['*'], canWrite: ['*'], mediaTypes: [] });
    await setup.close();

    const { acked, signal } = await ingestThenKill(path, ACKS_BEFORE_KILL);
    expect(signal).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

    const store = new SqliteStore({ path });
    await store.init();
    for (const ids of acked.values()) {
      for (const id of ids) {
        const versions = await store.getVersions('c', id);
        expect(versions, id).toHaveLength(1);
      }
    }
    // Every stored row is complete JSON, and batches are all-or-nothing.
    const page = await store.queryObjects(
      {
        collectionId: 'c',
        limit: 1_000_000,
        now: asMicros(Number.MAX_SAFE_INTEGER),
        versions: { kind: 'all' },
      },
      (row) => row,
    );
    const perBatch = new Map<number, number>();
    let previous = -1;
    for (const row of page.items) {
      const object = JSON.parse(row.json) as { id: string; x_batch: number; x_padding: string };
      expect(object.id).toBe(row.id);
      expect(object.x_padding).toHaveLength(2048);
      perBatch.set(object.x_batch, (perBatch.get(object.x_batch) ?? 0) + 1);
      expect(row.dateAdded).toBeGreaterThan(previous);
      previous = row.dateAdded;
    }
    for (const [batch, count] of perBatch) expect(count, `batch ${batch}`).toBe(BATCH);
    expect(page.items.length).toBeGreaterThanOrEqual(acked.size * BATCH);

    // The store keeps working: a new version lands after everything that was there.
    const object = { type: 'note', spec_version: '2.1', id: 'note--00000000-0000-4000-8000-000000000001' };
    const [after] = await store.addVersions('c', [
      {
        object: { ...object, created: '2021-07-19T00:00:00Z', content: 'after the crash' },
        producerOrg: 'x',
        origin: 'local',
      },
    ]);
    expect(after?.dateAdded).toBeGreaterThan(previous);
    await store.close();
  }, 120_000);
});
