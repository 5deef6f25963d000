/** `accord group add ID --members ORGS [--name NAME] [--org ORG] [--db PATH]` (CONTRACT.md "Sharing rules"). */
import { addSharingGroup } from '../core/index.js';
import type { RegisterCommand } from './register-command.js';

/** Registers `group add`: prints the sharing group's marking-definition id (exit 1: unknown organisation or bad id). */
export const registerGroup: RegisterCommand = (program, ctx) => {
  const group = program.command('group').description('sharing groups (Accord marking definitions)');
  group
    .command('add <id>')
    .description('create a sharing group of organisations; prints its marking-definition id')
    .requiredOption('--members <orgs>', 'comma-separated member organisation ids')
    .option('--name <name>', 'display name (default: ID)')
    .option('--org <org>', 'organisation creating the group, its created_by_ref (default: the first member)')
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .option('--json', 'print the marking definition as JSON')
    .action(
      async (
        id: string,
        opts: { members: string; name?: string; org?: string; db?: string; json?: boolean },
      ) => {
        const store = await ctx.openStore(opts.db);
        try {
          const def = await addSharingGroup(store, {
            id,
            members: opts.members
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s !== ''),
            ...(opts.name === undefined ? {} : { name: opts.name }),
            ...(opts.org === undefined ? {} : { asOrg: opts.org }),
          });
          ctx.stdout.write(opts.json ? `${JSON.stringify(def)}\n` : `${String(def.id)}\n`);
        } finally {
          await store.close();
        }
      },
    );
};
