/** `accord group add ID --members ORGS [--name NAME] [--org ORG]`, `accord group list|show` (CONTRACT.md "Sharing rules", "Operations"). */
import { addSharingGroup, listSharingGroups, showSharingGroup } from '../core/index.js';
import { joined, printList } from './print-list.js';
import { printRecord } from './print-record.js';
import type { RegisterCommand } from './register-command.js';

/** Registers `group add`: prints the sharing group's marking-definition id (exit 1: unknown organisation, bad or taken id); `list`, `show`. */
export const registerGroup: RegisterCommand = (program, ctx) => {
  const group = program.command('group').description('sharing groups (Accord marking definitions)');
  group
    .command('add <id>')
    .description(
      'create a sharing group of organisations; prints its marking-definition id (an ID already used is refused)',
    )
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
  group
    .command('list')
    .description('sharing groups the node knows (made here or received with data) and their members')
    .option('--json', 'print a JSON array of {"id", "name", "members", "source"}')
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(async (opts: { json?: boolean; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        printList(
          ctx,
          await listSharingGroups(store),
          [
            { header: 'ID', cell: (g) => g.id },
            { header: 'NAME', cell: (g) => g.name ?? '-' },
            { header: 'SOURCE', cell: (g) => g.source },
            { header: 'MEMBERS', cell: (g) => joined(g.members) },
          ],
          { json: opts.json, empty: 'no sharing groups; add one with `accord group add ID --members ORGS`' },
        );
      } finally {
        await store.close();
      }
    });
  group
    .command('show <id>')
    .description(
      'a sharing group by its short id (`group add ID`) or its marking-definition id, with its members',
    )
    .option('--json', 'print {"id", "name", "members", "source", "slug"?}')
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(async (id: string, opts: { json?: boolean; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        printRecord(
          ctx,
          await showSharingGroup(store, id),
          [
            { label: 'id', value: (g) => g.id },
            { label: 'short id', value: (g) => g.slug ?? '-' },
            { label: 'name', value: (g) => g.name ?? '-' },
            { label: 'source', value: (g) => g.source },
            { label: 'members', value: (g) => joined(g.members) },
          ],
          opts,
        );
      } finally {
        await store.close();
      }
    });
};
