/**
 * `accord detect --follow --store` (CONTRACT.md "Detection"): while following, each checkpoint's
 * changed sightings are stored in the node as new versions; restarted after a stop, the run
 * stores nothing it already stored.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sightingId } from '../../src/detect/index.js';
import { eventually, ROOT } from '../federation/support/node-process.js';
import { COLLECTION, DetectNode, dnsLine, domainIndicator, ORG_IDS } from './support/detect-node.js';

const node = new DetectNode();
const INDICATOR = domainIndicator(1, 'host1.example.com', { created_by_ref: ORG_IDS.a });
const SIGHTING = sightingId(INDICATOR.id, ORG_IDS.b, '2021-07-20');
const at = (h: number) => Date.parse(`2021-07-20T${h}:00:00Z`) / 1000;

beforeAll(async () => {
  await node.setUp();
  await node.publish('a-ed', [INDICATOR]);
});
afterAll(() => node.destroy());

/** Starts `accord detect --follow --store` as b-ed; resolves with the child. */
function follow(log: string, out: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'src/cli/main.ts'),
      'detect',
      '--follow',
      '--events',
      log,
      '--format',
      'zeek',
      '--out',
      out,
      '--collection',
      COLLECTION,
      '--store',
      COLLECTION,
      '--as',
      'b-ed',
      '--db',
      node.db,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/** SIGTERM, and the exit status and stderr. */
async function stop(
  child: ChildProcess,
  stderr: () => string,
): Promise<{ code: number | null; err: string }> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return { code: await exited, err: stderr() };
}

const counts = async () => (await node.versions(SIGHTING)).map((v) => v.count);

describe('accord detect --follow --store', () => {
  it('stores each changed sighting as a new version, and nothing again after a restart', {
    timeout: 90_000,
  }, async () => {
    const log = node.file(`${dnsLine('host1.example.com', at(10), 'C1')}\n`);
    const out = join(node.dir, 'follow.jsonl');
    let err = '';
    const first = follow(log, out);
    first.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    expect(await eventually(async () => (await counts()).length === 1, 30_000), err).toBe(true);
    appendFileSync(log, `${dnsLine('host1.example.com', at(11), 'C2')}\n`);
    expect(await eventually(async () => (await counts()).length === 2, 30_000), err).toBe(true);
    expect(await counts()).toEqual([1, 2]);
    const stopped = await stop(first, () => err);
    expect(stopped.code, stopped.err).toBe(0);
    expect(stopped.err).toMatch(/stored 2 sightings/);
    // The producer sees the newest count; no other organisation sees it.
    expect((await node.seen('a-ed', ['sighting'])).map((s) => s.count)).toEqual([2]);
    expect(await node.seen('c-ed', ['sighting'])).toEqual([]);

    let err2 = '';
    const second = follow(log, out);
    second.stderr?.on('data', (d: Buffer) => (err2 += d.toString()));
    appendFileSync(log, `${dnsLine('host1.example.com', at(12), 'C3')}\n`);
    expect(await eventually(async () => (await counts()).length === 3, 30_000), err2).toBe(true);
    const again = await stop(second, () => err2);
    expect(again.code, again.err).toBe(0);
    expect(await counts()).toEqual([1, 2, 3]);
  });
});
