/** `accord embargo add --release-at TIMESTAMP --cosigners ORGS [--org ORG] [--db PATH]` (CONTRACT.md "Sharing rules"). */
import { addEmbargo } from '../core/index.js';
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
};
