/**
 * `accord collection add --title T [--id UUID] [--description D] [--read ORGS] [--write ORGS]` and
 * `accord collection list|show|grant|revoke|remove` (CONTRACT.md "Node administration", "Operations").
 */
import { addCollection, listCollections, parseOrgList } from '../core/index.js';
import { noteAudience, registerCollectionAccess } from './collection-access.js';
import { registerCollectionRecords } from './collection-records.js';
import { joined, printList } from './print-list.js';
import type { RegisterCommand } from './register-command.js';

const DB = 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)';

/** Registers `collection add` (prints the collection id), `list`, `show`, `grant`, `revoke` and `remove`. */
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
          await noteAudience(ctx, store, created);
        } finally {
          await store.close();
        }
      },
    );
  collection
    .command('list')
    .description('collections with the organisations that may read and write them')
    .option('--json', 'print a JSON array of {"id", "title", "read", "write"}')
    .option('--db <path>', DB)
    .action(async (opts: { json?: boolean; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        printList(
          ctx,
          await listCollections(store),
          [
            { header: 'ID', cell: (c) => c.id },
            { header: 'READ', cell: (c) => joined(c.read) },
            { header: 'WRITE', cell: (c) => joined(c.write) },
            { header: 'TITLE', cell: (c) => c.title },
          ],
          { json: opts.json, empty: 'no collections; add one with `accord collection add --title T`' },
        );
      } finally {
        await store.close();
      }
    });
  registerCollectionAccess(collection, ctx);
  registerCollectionRecords(collection, ctx);
};
