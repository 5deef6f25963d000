/** `accord sync [--peer NAME] [--watch]` (CONTRACT.md "Federation"): one-off or continuous sync. */

import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { startPeerSync, syncPeersOnce } from '../core/index.js';
import { formatMicros, nowMicros } from '../stix/index.js';
import { CliError, EXIT } from './cli-error.js';
import type { CliContext } from './context.js';

/** One peer's report of a run (core's result type). */
type SyncReport = Awaited<ReturnType<typeof syncPeersOnce>>[number];

function describe(r: SyncReport): string {
  const parts = [r.peer];
  if (r.pull)
    parts.push(
      `pulled ${r.pull.received} (accepted ${r.pull.accepted}, conflicts ${r.pull.conflicts}, rejected ${r.pull.rejected})`,
    );
  if (r.push) parts.push(`pushed ${r.push.sent} of ${r.push.scanned} scanned (refused ${r.push.refused})`);
  if (r.error) parts.push(`error: ${r.error}`);
  return parts.join('  ');
}

/** Registers `sync`: exit 0 when every peer synced, 2 when one failed (its error is printed and kept for `peer list`). */
export const registerSync: (program: Command, ctx: CliContext) => void = (program, ctx) => {
  program
    .command('sync')
    .description('sync configured peers now (pull and push), or continuously with --watch')
    .option('--peer <name>', 'only this peer')
    .option('--watch', 'keep syncing until interrupted')
    .option('--poll-ms <ms>', 'with --watch: wait between runs of a peer', '500')
    .option('--ca <file>', "trust this PEM CA certificate for the peers' TLS (instead of the system roots)")
    .option('--insecure-http', 'allow plain HTTP to non-loopback peers (credentials travel in clear)')
    .option('--json', 'print one JSON document (with --watch: one JSON line per run)')
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(
      async (o: {
        peer?: string;
        watch?: boolean;
        pollMs: string;
        ca?: string;
        insecureHttp?: boolean;
        json?: boolean;
        db?: string;
      }) => {
        const pollMs = Number(o.pollMs);
        if (!Number.isInteger(pollMs) || pollMs < 10) throw new CliError(`invalid --poll-ms ${o.pollMs}`);
        const client = {
          ...(o.ca === undefined ? {} : { trustedCa: await readFile(o.ca, 'utf8') }),
          ...(o.insecureHttp ? { allowInsecureHttp: true } : {}),
        };
        const store = await ctx.openStore(o.db);
        if (!o.watch) {
          try {
            const reports = await syncPeersOnce(store, {
              client,
              ...(o.peer === undefined ? {} : { peer: o.peer }),
            });
            if (o.json) ctx.stdout.write(`${JSON.stringify({ reports })}\n`);
            else if (reports.length === 0) ctx.stdout.write('no peers configured (see `accord peer add`)\n');
            else for (const r of reports) ctx.stdout.write(`${describe(r)}\n`);
            if (reports.some((r) => r.error !== undefined)) ctx.setExitCode(EXIT.usage);
          } finally {
            await store.close();
          }
          return;
        }
        const handle = startPeerSync(store, {
          client,
          intervalMs: pollMs,
          rescanMs: 2000,
          ...(o.peer === undefined ? {} : { peer: o.peer }),
          onReport: (r) => {
            const busy = (r.pull?.received ?? 0) + (r.push?.sent ?? 0) > 0 || r.error !== undefined;
            if (!busy) return;
            ctx.stdout.write(
              o.json ? `${JSON.stringify(r)}\n` : `${formatMicros(nowMicros(), 3)} ${describe(r)}\n`,
            );
          },
        });
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await handle.stop();
        await store.close();
      },
    );
};
