/** `accord user add USERNAME --org ID --password PW [--role admin|editor|reader]` (CONTRACT.md). */
import { addUser } from '../core/index.js';
import type { Role } from '../store/index.js';
import type { RegisterCommand } from './register-command.js';
import { asCliError } from './sharing-cli-errors.js';

/** Registers `user add` (default role editor); the password is stored only as a scrypt hash. */
export const registerUser: RegisterCommand = (program, ctx) => {
  const user = program.command('user').description('user accounts');
  user
    .command('add <username>')
    .description('create a user of an organisation')
    .requiredOption('--org <org>', 'organisation id')
    .requiredOption('--password <password>', 'password (at least 8 characters)')
    .option('--role <role>', 'admin, editor or reader', 'editor')
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(async (username: string, opts: { org: string; password: string; role: string; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        await asCliError(() =>
          addUser(store, { username, orgId: opts.org, password: opts.password, role: opts.role as Role }),
        );
        ctx.stdout.write(`user ${username} added to ${opts.org} (${opts.role})\n`);
      } finally {
        await store.close();
      }
    });
};
