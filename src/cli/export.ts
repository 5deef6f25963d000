/**
 * `accord export --collection ID --as USER --format stix|misp [--out FILE] [--json]` (CONTRACT.md
 * "Interoperability"): what that user may see, as a STIX 2.1 bundle or MISP event JSON, on
 * stdout or in FILE. With --out, the file appears whole or not at all (written aside, then
 * renamed), readable by its owner only; stdout then gets the summary.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { type ExportSummary, exportCollection } from '../core/index.js';
import { CliError, EXIT } from './cli-error.js';
import type { RegisterCommand } from './register-command.js';

const FORMATS = ['stix', 'misp'] as const;
/** Lines of skipped content printed; the rest are counted. */
const SHOWN = 100;

/** Registers `export`: exit 0 once written, 1 for an unknown user or a collection it may not read, 2 on bad usage or an unwritable file. */
export const registerExport: RegisterCommand = (program, ctx) => {
  program
    .command('export')
    .description('write what a user may see of a collection as a STIX 2.1 bundle or as MISP event JSON')
    .requiredOption('--collection <id>', 'collection id')
    .requiredOption('--as <username>', 'user whose view is exported')
    .option('--format <format>', 'stix or misp', 'stix')
    .option('--out <file>', 'write to FILE instead of stdout')
    .option('--json', 'with --out: print {"objects", "withheld", "events"?, "skipped"} as JSON')
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(
      async (opts: {
        collection: string;
        as: string;
        format: string;
        out?: string;
        json?: boolean;
        db?: string;
      }) => {
        const format = FORMATS.find((f) => f === opts.format);
        if (format === undefined)
          throw new CliError(`--format must be stix or misp, not ${opts.format}`, EXIT.usage);
        const store = await ctx.openStore(opts.db);
        try {
          const input = { collectionId: opts.collection, username: opts.as, format };
          let summary: ExportSummary;
          if (opts.out === undefined) {
            summary = await exportCollection(store, input, ctx.stdout);
          } else {
            const aside = join(dirname(opts.out), `.${process.pid}.accord-export.tmp`);
            const file = createWriteStream(aside, { mode: 0o600 });
            try {
              summary = await exportCollection(store, input, file);
              file.end();
              await finished(file);
              await rename(aside, opts.out);
            } catch (err) {
              file.destroy();
              await rm(aside, { force: true });
              if (err instanceof CliError) throw err;
              const code = (err as NodeJS.ErrnoException).code;
              if (code !== undefined)
                throw new CliError(`cannot write ${opts.out}: ${(err as Error).message}`);
              throw err;
            }
            if (opts.json) ctx.stdout.write(`${JSON.stringify(summary)}\n`);
            else
              ctx.stdout.write(
                `exported ${summary.objects} objects${summary.events === undefined ? '' : ` as ${summary.events} MISP events`}, withheld ${summary.withheld}, to ${opts.out}\n`,
              );
          }
          for (const s of summary.skipped.slice(0, SHOWN))
            ctx.stderr.write(`accord: skipped ${s.path}${s.uuid ? ` ${s.uuid}` : ''}: ${s.message}\n`);
          if (summary.skipped.length > SHOWN)
            ctx.stderr.write(`accord: and ${summary.skipped.length - SHOWN} more skipped\n`);
        } finally {
          await store.close();
        }
      },
    );
};
