/** `accord collection show ID` and `accord collection remove ID [--force]` (CONTRACT.md "Operations", docs/decisions/0018). */
import type { Command } from 'commander';
import { removeCollection, showCollection } from '../core/index.js';
import type { CliContext } from './context.js';
import { joined } from './print-list.js';
import { printRecord } from './print-record.js';

const DB = 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)';

/** Adds `show` and `remove` to `collection`; both exit 1 for an unknown collection, `remove` also while it is referenced. */
export function registerCollectionRecords(collection: Command, ctx: CliContext): void {
  collection
    .command('show <id>')
    .description(
      'a collection with its access lists, how many object versions it holds and the peers syncing it',
    )
    .option('--json', 'print {"id", "title", "read", "write", "versions", "peers"}')
    .option('--db <path>', DB)
    .action(async (id: string, opts: { json?: boolean; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        printRecord(
          ctx,
          await showCollection(store, id),
          [
            { label: 'id', value: (c) => c.id },
            { label: 'title', value: (c) => c.title },
            { label: 'description', value: (c) => c.description ?? '-' },
            { label: 'alias', value: (c) => c.alias ?? '-' },
            { label: 'read', value: (c) => joined(c.read) },
            { label: 'write', value: (c) => joined(c.write) },
            { label: 'object versions', value: (c) => String(c.versions) },
            { label: 'peers', value: (c) => joined(c.peers) },
          ],
          opts,
        );
      } finally {
        await store.close();
      }
    });
  collection
    .command('remove <id>')
    .description(
      'remove a collection; refused while it holds objects unless --force, and always while a peer syncs it',
    )
    .option('--force', 'also remove the object versions it holds (the audit log keeps naming them)')
    .option('--json', 'print {"id", "removed": true, "versions"} (object versions removed with it)')
    .option('--db <path>', DB)
    .action(async (id: string, opts: { force?: boolean; json?: boolean; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        const { versions } = await removeCollection(store, id, { force: opts.force === true });
        ctx.stdout.write(
          opts.json
            ? `${JSON.stringify({ id, removed: true, versions })}\n`
            : `collection ${id} removed${versions > 0 ? ` with ${versions} object versions` : ''}\n`,
        );
      } finally {
        await store.close();
      }
    });
}
