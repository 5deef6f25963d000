/** `accord peer show NAME` (CONTRACT.md "Operations"): one peer's configuration and sync state. */
import type { Command } from 'commander';
import { showPeer } from '../core/index.js';
import type { CliContext } from './context.js';
import { joined } from './print-list.js';
import { printRecord } from './print-record.js';

const DB = 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)';

/** Adds `show` to `peer` (exit 1: unknown peer); never prints the peer password. */
export function registerPeerShow(peer: Command, ctx: CliContext): void {
  peer
    .command('show <name>')
    .description(
      'one peer: URL, account, collections, directions, interval and sync state (never its password)',
    )
    .option('--json', 'print the peer as one object of `peer list --json`, with "id" (its name)')
    .option('--db <path>', DB)
    .action(async (name: string, o: { json?: boolean; db?: string }) => {
      const store = await ctx.openStore(o.db);
      try {
        const p = await showPeer(store, name);
        printRecord(
          ctx,
          { id: p.name, ...p },
          [
            { label: 'name', value: (r) => r.name },
            { label: 'url', value: (r) => r.url },
            { label: 'username', value: (r) => r.username },
            { label: 'org', value: (r) => r.orgId },
            { label: 'collection', value: (r) => `${r.remoteCollection} -> ${r.localCollection}` },
            {
              label: 'directions',
              value: (r) => joined([r.pull ? 'pull' : '', r.push ? 'push' : ''].filter(Boolean)),
            },
            { label: 'interval', value: (r) => `${r.intervalSeconds}s` },
            { label: 'last success', value: (r) => r.lastSuccess ?? 'never' },
            { label: 'lag', value: (r) => (r.lagSeconds === null ? '-' : `${r.lagSeconds}s`) },
            { label: 'last error', value: (r) => r.lastError ?? '-' },
            { label: 'conflicts', value: (r) => String(r.conflicts) },
            { label: 'refused', value: (r) => String(r.refused) },
          ],
          o,
        );
      } finally {
        await store.close();
      }
    });
}
