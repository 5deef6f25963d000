/** `accord import FILE|DIR|-... --collection ID --as USERNAME [--json]` (CONTRACT.md "Node administration", "Operations"). */
import cliProgress from 'cli-progress';
import { importFiles } from '../core/index.js';
import { EXIT } from './cli-error.js';
import type { RegisterCommand } from './register-command.js';

/**
 * Registers `import`: exit 0 when every object was stored (or already was), 1 when some were
 * rejected, 2 when a file could not be imported (unreadable, not JSON, cut short: nothing of
 * it is stored; each gets one `accord: FILE: …` line on stderr).
 */
export const registerImport: RegisterCommand = (program, ctx) => {
  program
    .command('import <files...>')
    .description(
      'validate and store bundles, arrays or single objects in a collection; FILE may be a directory (its .json files) or - (stdin)',
    )
    .requiredOption('--collection <id>', 'collection id')
    .requiredOption('--as <username>', 'user whose organisation becomes the producer')
    .option('--batch <n>', 'objects per transaction', '1000')
    .option('--json', 'print {"new", "unchanged", "rejected", "stored", "errors", "failed"} as JSON')
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(
      async (
        files: string[],
        opts: { collection: string; as: string; batch: string; json?: boolean; db?: string },
      ) => {
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
            onProgress: (p) =>
              bar?.update(p.totalBytes > 0 ? Math.round((100 * p.bytes) / p.totalBytes) : 100, {
                objects: p.objects,
              }),
          });
          bar?.stop();
          if (opts.json) ctx.stdout.write(`${JSON.stringify(summary)}\n`);
          else {
            ctx.stdout.write(
              `new ${summary.new}, unchanged ${summary.unchanged}, rejected ${summary.rejected}\n`,
            );
            for (const e of summary.errors)
              ctx.stdout.write(`${e.file}:${e.path}${e.id ? ` ${e.id}` : ''}: ${e.message}\n`);
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
