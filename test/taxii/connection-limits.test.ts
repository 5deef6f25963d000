/**
 * Connection limits (docs/reference/limits.md) over the network: a flood of half-open
 * connections past the process's open-file limit must not leave the node unresponsive. The
 * server runs in a child process whose file limit is lowered to 400 (`ulimit -n`), with a
 * one-second headers timeout, and receives 2,000 connections that send nothing or half a
 * request and are never closed by the client.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { maxConnectionsFor, openFileLimit } from '../../src/server/index.js';
import { halfOpen } from './support/raw-http.js';

const CHILD = fileURLToPath(new URL('../support/serve-child.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'accord-conn-'));
const children: ChildProcess[] = [];
const sockets: Socket[] = [];
afterAll(() => {
  for (const s of sockets) s.destroy();
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the child server with `ulimit -n FILES`; resolves with its port. */
function serveWithFileLimit(files: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'sh',
      [
        '-c',
        `ulimit -n ${files} && exec "$0" --import tsx "$@"`,
        process.execPath,
        CHILD,
        join(dir, 'n.db'),
        '1000',
        '200',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: fileURLToPath(new URL('../..', import.meta.url)) },
    );
    children.push(child);
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /accord listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

/** One GET /healthz on a fresh connection: its status, or 0 when refused, reset or silent for a second. */
function health(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
    req.on('error', () => resolve(0));
  });
}

describe('connection limits', () => {
  it('keeps connections below the open-file limit, with headroom for the database and peers', () => {
    expect(maxConnectionsFor(400)).toBe(144);
    expect(maxConnectionsFor(1024)).toBe(768);
    expect(maxConnectionsFor(20_000)).toBe(10_000);
    expect(maxConnectionsFor(undefined)).toBe(1000);
    expect(openFileLimit()).toBeGreaterThan(0);
    expect(openFileLimit('/nonexistent')).toBeUndefined();
  });

  it('2,000 half-open connections past the file limit: /healthz answers again within seconds', async () => {
    const port = await serveWithFileLimit(400);
    expect(await health(port)).toBe(200);
    const opened = await Promise.all(
      Array.from({ length: 2000 }, (_, i) =>
        halfOpen(port, i % 2 === 0 ? '' : 'GET /healthz HTTP/1.1\r\nHost: x\r\n'),
      ),
    );
    sockets.push(...opened);
    // The flood stays open on the client side; the server must shed it by itself.
    const start = Date.now();
    let status = 0;
    while (status !== 200 && Date.now() - start < 20_000) status = await health(port);
    expect(status).toBe(200);
    // Headers timeout (1 s) and its check (every 0.2 s) bound the outage, with room for a busy machine.
    expect(Date.now() - start).toBeLessThan(8000);
  }, 60_000);
});
