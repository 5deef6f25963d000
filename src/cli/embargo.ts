/** `accord embargo add --release-at TIMESTAMP --cosigners ORGS [--org ORG]` and `accord embargo list` (CONTRACT.md "Sharing rules", "Operations"). */
import { addEmbargo, listEmbargoes } from '../core/index.js';
import { joined, printList } from './print-list.js';
import type { RegisterCommand } from './register-command.js';

/** Registers `embargo add`: prints the embargo's marking-definition id (exit 1: bad timestamp or unknown organisation). */
export const registerEmbargo: RegisterCommand = (program, ctx) => {
  const embargo = program.command('embargo').description('embargoes (Accord marking definitions)');
  embargo
    .command('add')
    .description(
      'create an embargo: hidden from all but the co-signers until the release time; prints its id',
    )
    .requiredOption(
      '--release-at <timestamp>',
      'UTC STIX timestamp of the release, e.g. 2030-01-31T12:00:00Z',
    )
    .requiredOption('--cosigners <orgs>', 'comma-separated co-signer organisation ids')
    .option(
      '--org <org>',
      'organisation creating the embargo, its created_by_ref (default: the first co-signer)',
    )
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .option('--json', 'print the marking definition as JSON')
    .action(
      async (opts: { releaseAt: string; cosigners: string; org?: string; db?: string; json?: boolean }) => {
        const store = await ctx.openStore(opts.db);
        try {
          const def = await addEmbargo(store, {
            releaseAt: opts.releaseAt,
            cosigners: opts.cosigners
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s !== ''),
            ...(opts.org === undefined ? {} : { asOrg: opts.org }),
          });
          ctx.stdout.write(opts.json ? `${JSON.stringify(def)}\n` : `${String(def.id)}\n`);
        } finally {
          await store.close();
        }
      },
    );
  embargo
    .command('list')
    .description('embargoes the node knows, soonest release first, with their co-signers')
    .option('--json', 'print a JSON array of {"id", "release_at", "cosigners", "source"}')
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(async (opts: { json?: boolean; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        printList(
          ctx,
          await listEmbargoes(store),
          [
            { header: 'ID', cell: (e) => e.id },
            { header: 'RELEASE AT', cell: (e) => e.release_at },
            { header: 'SOURCE', cell: (e) => e.source },
            { header: 'COSIGNERS', cell: (e) => joined(e.cosigners) },
          ],
          {
            json: opts.json,
            empty: 'no embargoes; add one with `accord embargo add --release-at T --cosigners ORGS`',
          },
        );
      } finally {
        await store.close();
      }
    });
};
