/** `accord org add ID [--name NAME] [--identity IDENTITY_ID]` (CONTRACT.md "Node administration"). */
import { addOrganization } from '../core/index.js';
import type { RegisterCommand } from './register-command.js';

/** Registers `org add`: prints the organisation's STIX identity id. */
export const registerOrg: RegisterCommand = (program, ctx) => {
  const org = program.command('org').description('partner organisations');
  org
    .command('add <id>')
    .description('create an organisation and its STIX identity; prints the identity id')
    .option('--name <name>', 'display name (default: ID)')
    .option('--identity <identityId>', 'reuse the identity id the organisation has on other nodes')
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(async (id: string, opts: { name?: string; identity?: string; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        const { organization } = await addOrganization(store, {
          id,
          ...(opts.name === undefined ? {} : { name: opts.name }),
          ...(opts.identity === undefined ? {} : { identityId: opts.identity }),
        });
        ctx.stdout.write(`${organization.identityId}\n`);
      } finally {
        await store.close();
      }
    });
};
