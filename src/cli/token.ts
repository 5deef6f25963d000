/** `accord token add USERNAME` (CONTRACT.md): prints a new bearer token once. */
import { addToken } from '../core/index.js';
import type { RegisterCommand } from './register-command.js';
import { asCliError } from './sharing-cli-errors.js';

/** Registers `token add`; only the token secret's scrypt hash is stored. */
export const registerToken: RegisterCommand = (program, ctx) => {
  const token = program.command('token').description('bearer tokens');
  token
    .command('add <username>')
    .description('create a bearer token for a user; it is printed once and cannot be shown again')
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(async (username: string, opts: { db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        const value = await asCliError(() => addToken(store, username));
        ctx.stdout.write(`${value}\n`);
      } finally {
        await store.close();
      }
    });
};
