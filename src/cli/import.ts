/**
 * `accord import FILE|DIR|-... --collection ID --as USERNAME [--upgrade] [--tlp LEVEL] [--group ID]
 * [--embargo ID] [--json]` (CONTRACT.md
 * "Node administration", "Operations", "Interoperability"): STIX, MISP events and feeds.
 */
import cliProgress from 'cli-progress';
import type { ImportError } from '../core/index.js';
import { importFiles, isTlpLevel, TLP_LEVELS } from '../core/index.js';
import { CliError, EXIT } from './cli-error.js';
import type { RegisterCommand } from './register-command.js';

/** One report line: where (file, pointer, event, attribute) and why. */
function findingLine(e: ImportError): string {
  const event = e.event ? ` event ${e.event}` : '';
  const what = e.uuid ? ` ${e.type ? `${e.type} ` : ''}${e.uuid}` : e.id ? ` ${e.id}` : '';
  return `${e.file}:${e.path}${event}${what}: ${e.message}`;
}

/**
 * Registers `import`: exit 0 when every object was stored (or already was), 1 when some were
 * rejected, 2 when a file could not be imported (unreadable, not JSON, cut short: nothing of
 * it is stored; each gets one `accord: FILE: …` line on stderr).
 */
export const registerImport: RegisterCommand = (program, ctx) => {
  program
    .command('import <files...>')
    .description(
      'validate and store STIX bundles, arrays or single objects, MISP events or MISP feeds in a collection; FILE may be a directory (its .json files, or a MISP feed) or - (stdin)',
    )
    .requiredOption('--collection <id>', 'collection id')
    .requiredOption('--as <username>', 'user whose organisation becomes the producer')
    .option('--batch <n>', 'objects per transaction', '1000')
    .option('--upgrade', 'convert STIX 2.0 objects to STIX 2.1 before storing them')
    .option(
      '--upgrade-tlp <how>',
      'with --upgrade: keep TLP 1.0 markings, or map them to TLP 2.0 (keep|map)',
      'keep',
    )
    .option('--tlp <level>', `mark objects that carry no marking with TLP 2.0 (${TLP_LEVELS.join('|')})`)
    .option(
      '--group <id>',
      'mark objects that carry no marking with this sharing group (marking-definition id)',
    )
    .option('--embargo <id>', 'mark objects that carry no marking with this embargo (marking-definition id)')
    .option(
      '--json',
      'print {"new", "unchanged", "rejected", "stored", "errors", "skipped", "failed"} as JSON',
    )
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(
      async (
        files: string[],
        opts: {
          collection: string;
          as: string;
          batch: string;
          upgrade?: boolean;
          upgradeTlp: 'keep' | 'map';
          tlp?: string;
          group?: string;
          embargo?: string;
          json?: boolean;
          db?: string;
        },
      ) => {
        if (!['keep', 'map'].includes(opts.upgradeTlp))
          throw new CliError(`--upgrade-tlp must be keep or map, not ${opts.upgradeTlp}`, EXIT.usage);
        const { tlp, group, embargo } = opts;
        if (tlp !== undefined && !isTlpLevel(tlp))
          throw new CliError(`--tlp must be one of ${TLP_LEVELS.join(', ')}, not ${tlp}`, EXIT.usage);
        const store = await ctx.openStore(opts.db);
        const bar = ctx.interactive
          ? new cliProgress.SingleBar(
              {
                stream: ctx.stderr,
                format: 'import [{bar}] {percentage}% | {objects} objects',
                hideCursor: true,
              },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
        try {
          bar?.start(100, 0, { objects: 0 });
          const summary = await importFiles(store, {
            files,
            stdin: ctx.stdin,
            collectionId: opts.collection,
            username: opts.as,
            batchSize: Math.max(1, Number.parseInt(opts.batch, 10) || 1000),
            ...(opts.upgrade ? { upgrade: { tlp: opts.upgradeTlp } } : {}),
            markings: {
              ...(tlp === undefined ? {} : { tlp }),
              ...(group === undefined ? {} : { group }),
              ...(embargo === undefined ? {} : { embargo }),
            },
            onProgress: (p) =>
              bar?.update(p.totalBytes > 0 ? Math.round((100 * p.bytes) / p.totalBytes) : 100, {
                objects: p.objects,
              }),
          });
          bar?.stop();
          if (opts.json) ctx.stdout.write(`${JSON.stringify(summary)}\n`);
          else {
            const events = summary.misp
              ? `; MISP events ${summary.misp.events} read, ${summary.misp.unchangedEvents} unchanged in feeds`
              : '';
            ctx.stdout.write(
              `new ${summary.new}, unchanged ${summary.unchanged}, rejected ${summary.rejected}${events}\n`,
            );
            for (const e of summary.errors) ctx.stdout.write(`${findingLine(e)}\n`);
            for (const e of summary.skipped ?? []) ctx.stdout.write(`skipped: ${findingLine(e)}\n`);
          }
          for (const f of summary.failed) ctx.stderr.write(`accord: ${f.file}: ${f.message}\n`);
          if (summary.failed.length > 0) ctx.setExitCode(EXIT.usage);
          else if (summary.rejected > 0) ctx.setExitCode(EXIT.invalid);
        } finally {
          bar?.stop();
          await store.close();
        }
      },
    );
};
