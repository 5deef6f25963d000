/** `accord collection add --title T [--id UUID] [--description D] [--read ORGS] [--write ORGS]` (CONTRACT.md). */
import { addCollection, parseOrgList } from '../core/index.js';
import type { RegisterCommand } from './register-command.js';

/** Registers `collection add`: prints the collection id. */
export const registerCollection: RegisterCommand = (program, ctx) => {
  const collection = program.command('collection').description('TAXII collections');
  collection
    .command('add')
    .description('create a collection; prints its id')
    .requiredOption('--title <title>', 'title')
    .option('--id <uuid>', 'collection id (default: a new UUID)')
    .option('--description <text>', 'description')
    .option('--alias <alias>', 'TAXII alias')
    .option('--read <orgs>', 'organisations that may read: comma-separated ids or *')
    .option('--write <orgs>', 'organisations that may write: comma-separated ids or *')
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(
      async (opts: {
        title: string;
        id?: string;
        description?: string;
        alias?: string;
        read?: string;
        write?: string;
        db?: string;
      }) => {
        const store = await ctx.openStore(opts.db);
        try {
          const created = await addCollection(store, {
            title: opts.title,
            ...(opts.id === undefined ? {} : { id: opts.id }),
            ...(opts.description === undefined ? {} : { description: opts.description }),
            ...(opts.alias === undefined ? {} : { alias: opts.alias }),
            canRead: parseOrgList(opts.read),
            canWrite: parseOrgList(opts.write),
          });
          ctx.stdout.write(`${created.id}\n`);
        } finally {
          await store.close();
        }
      },
    );
};
