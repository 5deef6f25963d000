/** `accord org add ID [--name NAME] [--identity IDENTITY_ID]`, `accord org list|show|remove` (CONTRACT.md "Node administration", "Operations"). */
import { addOrganization, listOrganizations } from '../core/index.js';
import { registerOrgRecords } from './org-records.js';
import { printList } from './print-list.js';
import type { RegisterCommand } from './register-command.js';

const DB = 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)';

/** Registers `org add` (prints the organisation's STIX identity id), `org list`, `show` and `remove`. */
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
  org
    .command('list')
    .description('organisations with their name and STIX identity id')
    .option('--json', 'print a JSON array of {"id", "name", "identity"}')
    .option('--db <path>', DB)
    .action(async (opts: { json?: boolean; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        printList(
          ctx,
          await listOrganizations(store),
          [
            { header: 'ID', cell: (o) => o.id },
            { header: 'NAME', cell: (o) => o.name },
            { header: 'IDENTITY', cell: (o) => o.identity },
          ],
          { json: opts.json, empty: 'no organisations; add one with `accord org add ID`' },
        );
      } finally {
        await store.close();
      }
    });
  registerOrgRecords(org, ctx);
};
