/** `accord org show ID` and `accord org remove ID [--force]` (CONTRACT.md "Operations", docs/decisions/0018). */
import type { Command } from 'commander';
import { removeOrganization, showOrganization } from '../core/index.js';
import type { CliContext } from './context.js';
import { joined } from './print-list.js';
import { printRecord } from './print-record.js';

const DB = 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)';

/** Adds `show` and `remove` to `org`; both exit 1 for an unknown organisation, `remove` also while it is referenced. */
export function registerOrgRecords(org: Command, ctx: CliContext): void {
  org
    .command('show <id>')
    .description(
      'an organisation with its users, the collections it may use, the peers naming it and what it produced',
    )
    .option('--json', 'print {"id", "name", "identity", "users", "collections", "peers", "versions"}')
    .option('--db <path>', DB)
    .action(async (id: string, opts: { json?: boolean; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        printRecord(
          ctx,
          await showOrganization(store, id),
          [
            { label: 'id', value: (o) => o.id },
            { label: 'name', value: (o) => o.name },
            { label: 'identity', value: (o) => o.identity },
            { label: 'users', value: (o) => joined(o.users) },
            { label: 'collections', value: (o) => joined(o.collections) },
            { label: 'peers', value: (o) => joined(o.peers) },
            { label: 'object versions', value: (o) => String(o.versions) },
          ],
          opts,
        );
      } finally {
        await store.close();
      }
    });
  org
    .command('remove <id>')
    .description(
      'remove an organisation; refused while it has users or collection access unless --force, and always while peers name it or the node keeps objects it produced',
    )
    .option('--force', 'also remove its users and their tokens, and take it out of every collection grant')
    .option('--json', 'print {"id", "removed": true, "users", "collections"} (what went with it)')
    .option('--db <path>', DB)
    .action(async (id: string, opts: { force?: boolean; json?: boolean; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        const refs = await removeOrganization(store, id, { force: opts.force === true });
        const gone = opts.force
          ? { users: refs.users, collections: refs.collections }
          : { users: [], collections: [] };
        if (opts.json) ctx.stdout.write(`${JSON.stringify({ id, removed: true, ...gone })}\n`);
        else {
          const extra = [
            gone.users.length > 0 ? `users ${joined(gone.users)}` : '',
            gone.collections.length > 0 ? `grants on ${joined(gone.collections)}` : '',
          ].filter(Boolean);
          ctx.stdout.write(
            `organisation ${id} removed${extra.length > 0 ? ` with ${extra.join(' and ')}` : ''}\n`,
          );
        }
      } finally {
        await store.close();
      }
    });
}
