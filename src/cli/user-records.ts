/** `accord user show USERNAME` and `accord user remove USERNAME` (CONTRACT.md "Operations"). */
import type { Command } from 'commander';
import { removeUser, showUser } from '../core/index.js';
import type { CliContext } from './context.js';
import { printRecord } from './print-record.js';

const DB = 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)';

/** Adds `show` and `remove` to `user`; both exit 1 for an unknown user. */
export function registerUserRecords(user: Command, ctx: CliContext): void {
  user
    .command('show <username>')
    .description('a user with its organisation, role, status and tokens (never a secret)')
    .option(
      '--json',
      'print {"username", "org", "role", "disabled", "tokens": [{"id", "created", "expires"}]}',
    )
    .option('--db <path>', DB)
    .action(async (username: string, opts: { json?: boolean; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        printRecord(
          ctx,
          await showUser(store, username),
          [
            { label: 'username', value: (u) => u.username },
            { label: 'org', value: (u) => u.org },
            { label: 'role', value: (u) => u.role },
            { label: 'status', value: (u) => (u.disabled ? 'disabled' : 'active') },
            {
              label: 'tokens',
              value: (u) =>
                u.tokens.length === 0
                  ? '-'
                  : u.tokens.map((t) => `${t.id} (expires ${t.expires ?? 'never'})`).join(', '),
            },
          ],
          opts,
        );
      } finally {
        await store.close();
      }
    });
  user
    .command('remove <username>')
    .description(
      'remove a user and its tokens: refused at once, on every process (the audit log keeps its name)',
    )
    .option('--json', 'print {"username", "removed": true}')
    .option('--db <path>', DB)
    .action(async (username: string, opts: { json?: boolean; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        await removeUser(store, username);
        ctx.stdout.write(
          opts.json ? `${JSON.stringify({ username, removed: true })}\n` : `user ${username} removed\n`,
        );
      } finally {
        await store.close();
      }
    });
}
