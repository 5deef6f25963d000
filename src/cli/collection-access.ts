/**
 * `accord collection grant|revoke ID [--read ORGS] [--write ORGS]` (CONTRACT.md "Operations"),
 * and the note `collection add` prints when nobody may use the new collection.
 */
import type { Command } from 'commander';
import {
  type CollectionInfo,
  collectionAudience,
  grantCollectionAccess,
  parseOrgList,
  revokeCollectionAccess,
} from '../core/index.js';
import type { CollectionRecord, Store } from '../store/index.js';
import { CliError } from './cli-error.js';
import type { CliContext } from './context.js';
import { joined } from './print-list.js';

const DB = 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)';

function printAccess(ctx: CliContext, c: CollectionInfo, json: boolean | undefined): void {
  ctx.stdout.write(
    json
      ? `${JSON.stringify(c)}\n`
      : `collection ${c.id}: read ${joined(c.read)}; write ${joined(c.write)}\n`,
  );
}

/** Adds `grant` and `revoke` to the `collection` command; exit 1 for unknown ids and changes that change nothing. */
export function registerCollectionAccess(collection: Command, ctx: CliContext): void {
  for (const [name, change] of [
    ['grant', grantCollectionAccess],
    ['revoke', revokeCollectionAccess],
  ] as const) {
    collection
      .command(`${name} <id>`)
      .description(
        name === 'grant'
          ? 'let organisations read and/or write a collection (at the next request of every process)'
          : 'take read and/or write access to a collection from organisations (at the next request)',
      )
      .option('--read <orgs>', 'organisations (comma-separated ids, or *) for the read list')
      .option('--write <orgs>', 'organisations (comma-separated ids, or *) for the write list')
      .option('--json', 'print the collection as `collection list --json` shows it')
      .option('--db <path>', DB)
      .action(async (id: string, opts: { read?: string; write?: string; json?: boolean; db?: string }) => {
        const read = parseOrgList(opts.read);
        const write = parseOrgList(opts.write);
        if (read.length === 0 && write.length === 0)
          throw new CliError(`collection ${name}: give --read ORGS and/or --write ORGS`);
        const store = await ctx.openStore(opts.db);
        try {
          printAccess(ctx, await change(store, id, { read, write }), opts.json);
        } finally {
          await store.close();
        }
      });
  }
}

/**
 * After `collection add`: when no organisation may read it, or none may write it, says so and
 * how to grant access (stderr; stdout keeps only the id). Readers and writers as policy/ decides.
 */
export async function noteAudience(ctx: CliContext, store: Store, created: CollectionRecord): Promise<void> {
  const { readers, writers } = await collectionAudience(store, created);
  if (readers.length > 0 && writers.length > 0) return;
  const nobody = [readers.length === 0 ? 'read' : '', writers.length === 0 ? 'write' : '']
    .filter(Boolean)
    .join(' or ');
  ctx.stderr.write(
    `note: no organisation may ${nobody} collection ${created.id} yet (readers: ${joined(readers)}; writers: ${joined(writers)}); ` +
      `grant access with \`accord collection grant ${created.id} --read ORGS --write ORGS\`\n`,
  );
}
