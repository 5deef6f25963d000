/**
 * `accord sightings publish --collection ID --as USER [--k 3] [--json]` (CONTRACT.md "Detection"):
 * the user's organisation's k-anonymous sighting summaries. Exit 0 when every summary due was
 * stored (or already was); 1 when some were refused, or the user or collection is unknown or not
 * usable so (the CLI's one error map, cli-error.ts, as for `import --as`); 2 on bad usage (`--k`
 * not a whole number of at least 2).
 */
import { callerOf, MIN_SUMMARY_K, nodeServices, publishSightingSummaries } from '../core/index.js';
import { CliError, EXIT } from './cli-error.js';
import type { RegisterCommand } from './register-command.js';

interface PublishFlags {
  collection: string;
  as: string;
  k: string;
  json?: boolean;
  db?: string;
}

/** Registers `sightings publish`. */
export const registerSightings: RegisterCommand = (program, ctx) => {
  const sightings = program.command('sightings').description('sightings kept in the node');
  sightings
    .command('publish')
    .description(
      "publish one summary sighting (count, days, number of organisations; no names) for each of your organisation's indicators that at least k organisations sighted",
    )
    .requiredOption('--collection <id>', 'collection of the indicators and sightings')
    .requiredOption('--as <user>', "the user publishing (its organisation's indicators are summarised)")
    .option('--k <n>', 'least number of organisations that sighted an indicator, at least 2', '3')
    .option('--json', 'print {"published", "unchanged", "revoked", "failures"} as JSON')
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(async (o: PublishFlags) => {
      if (!/^\d{1,9}$/.test(o.k) || Number(o.k) < MIN_SUMMARY_K)
        throw new CliError(`--k ${o.k} is not a whole number of at least ${MIN_SUMMARY_K}`, EXIT.usage);
      const store = await ctx.openStore(o.db);
      try {
        const node = nodeServices(store);
        const report = await publishSightingSummaries(node, await callerOf(store, o.as), {
          collectionId: o.collection,
          k: Number(o.k),
        });
        if (o.json) ctx.stdout.write(`${JSON.stringify(report)}\n`);
        else
          ctx.stdout.write(
            `published ${report.published}, unchanged ${report.unchanged}${report.revoked > 0 ? `, revoked ${report.revoked}` : ''}\n`,
          );
        for (const f of report.failures.slice(0, 20)) ctx.stderr.write(`accord: ${f.id}: ${f.message}\n`);
        ctx.setExitCode(report.failures.length > 0 ? EXIT.invalid : EXIT.ok);
      } finally {
        await store.close();
      }
    });
};
