/** `accord token add|list|revoke` (CONTRACT.md "Node administration" and "Operations"): bearer tokens that expire. */
import { issueToken, listTokens, parseDuration, revokeToken } from '../core/index.js';
import { printList } from './print-list.js';
import type { RegisterCommand } from './register-command.js';

const DB = 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)';

/** Registers the `token` commands; only a token secret's scrypt hash is stored. Exit 1: unknown user or token, bad duration. */
export const registerToken: RegisterCommand = (program, ctx) => {
  const token = program.command('token').description('bearer tokens');
  token
    .command('add <username>')
    .description('create a bearer token for a user; it is printed once and cannot be shown again')
    .option('--expires <duration>', 'lifetime such as 90d, 12h or 30m (at most 366d)', '90d')
    .option('--db <path>', DB)
    .action(async (username: string, opts: { expires: string; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        const { token: value } = await issueToken(store, username, {
          lifetimeMs: parseDuration(opts.expires),
        });
        ctx.stdout.write(`${value}\n`);
      } finally {
        await store.close();
      }
    });
  token
    .command('list [username]')
    .description('tokens (of one user) with their id and expiry; never the token itself')
    .option('--json', 'print a JSON array of {"id", "username", "created", "expires"}')
    .option('--db <path>', DB)
    .action(async (username: string | undefined, opts: { json?: boolean; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        printList(
          ctx,
          await listTokens(store, username),
          [
            { header: 'ID', cell: (t) => t.id },
            { header: 'USERNAME', cell: (t) => t.username },
            { header: 'EXPIRES', cell: (t) => t.expires ?? 'never (made before expiry)' },
          ],
          { json: opts.json, empty: 'no tokens; add one with `accord token add USERNAME`' },
        );
      } finally {
        await store.close();
      }
    });
  token
    .command('revoke <id>')
    .description(
      'revoke a token (the id `token list` shows, or the whole token): refused at once, on every process',
    )
    .option('--db <path>', DB)
    .action(async (id: string, opts: { db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        await revokeToken(store, id);
        // Never echo a whole token back: name it by its id.
        ctx.stdout.write(`token ${id.startsWith('accord_') ? id.split('_')[1] : id} revoked\n`);
      } finally {
        await store.close();
      }
    });
};
