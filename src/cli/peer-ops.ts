/** `accord peer remove NAME` and `accord peer test NAME` (CONTRACT.md "Operations"). */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { removePeer, testPeer } from '../core/index.js';
import { CliError, EXIT } from './cli-error.js';
import type { CliContext } from './context.js';

const DB = 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)';

async function readCa(file: string | undefined): Promise<{ trustedCa?: string }> {
  if (file === undefined) return {};
  try {
    return { trustedCa: await readFile(file, 'utf8') };
  } catch (err) {
    throw new CliError(`--ca ${file}: ${(err as NodeJS.ErrnoException).code ?? 'cannot be read'}`);
  }
}

/** Adds `remove` (exit 1: unknown peer) and `test` (exit 0 when every step passes, else 1) to `peer`. */
export function registerPeerOps(peer: Command, ctx: CliContext): void {
  peer
    .command('remove <name>')
    .description('remove a peer and its sync state; a running node stops syncing it within seconds')
    .option('--db <path>', DB)
    .action(async (name: string, o: { db?: string }) => {
      const store = await ctx.openStore(o.db);
      try {
        await removePeer(store, name);
        ctx.stdout.write(`peer ${name} removed\n`);
      } finally {
        await store.close();
      }
    });
  peer
    .command('test <name>')
    .description(
      'test the connection to a peer step by step: DNS, TCP, TLS, auth, discovery, collection read, collection write',
    )
    .option('--ca <file>', "PEM certificate(s) to trust for the peer's TLS (a private CA)")
    .option('--timeout <ms>', 'time limit of each step, in milliseconds', '5000')
    .option('--json', 'print {"steps": [{"step", "ok", "error"?, "detail"?}]}')
    .option('--db <path>', DB)
    .action(async (name: string, o: { ca?: string; timeout: string; json?: boolean; db?: string }) => {
      const timeoutMs = Number(o.timeout);
      if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000)
        throw new CliError(`--timeout ${o.timeout}: give milliseconds between 1 and 600000`);
      const ca = await readCa(o.ca);
      const store = await ctx.openStore(o.db);
      let steps: Awaited<ReturnType<typeof testPeer>>;
      try {
        steps = await testPeer(store, name, { timeoutMs, ...ca });
      } finally {
        await store.close();
      }
      if (o.json) ctx.stdout.write(`${JSON.stringify({ steps })}\n`);
      else {
        const width = Math.max(...steps.map((s) => s.step.length));
        for (const s of steps)
          ctx.stdout.write(
            `${s.ok ? 'ok  ' : 'FAIL'}  ${s.step.padEnd(width)}  ${(s.ok ? s.detail : s.error) ?? ''}\n`,
          );
      }
      if (steps.some((s) => !s.ok)) ctx.setExitCode(EXIT.invalid);
    });
}
