/** `accord restore FILE --db PATH` (CONTRACT.md "Operations"): a node made from a backup, into an empty database only. */
import { restoreNode } from '../core/index.js';
import { isStoreError } from '../store/index.js';
import type { RegisterCommand } from './register-command.js';

/** Registers `restore`; exit 1 when the database holds data or FILE is missing, 2 when FILE is no Accord backup. */
export const registerRestore: RegisterCommand = (program, ctx) => {
  program
    .command('restore <file>')
    .description(
      'make the database --db from a backup written by `accord backup`; --db must not exist or be empty',
    )
    .requiredOption(
      '--db <path>',
      'the database to create (a path that does not exist, or an empty database)',
    )
    .option('--json', 'print {"file", "bytes"}')
    .action(async (file: string, opts: { db: string; json?: boolean }) => {
      const report = await restoreNode(file, opts.db);
      // Opening it migrates an older backup's schema and shows whether peer passwords can be read here.
      const store = await ctx.openStore(opts.db);
      try {
        await store.listPeers();
      } catch (err) {
        if (!isStoreError(err)) throw err;
        ctx.stderr.write(
          `note: ${err.message.split('\n')[0]}; copy the backed-up node's key file to ${opts.db}.key\n`,
        );
      } finally {
        await store.close();
      }
      ctx.stdout.write(
        opts.json
          ? `${JSON.stringify(report)}\n`
          : `restored ${file} into ${report.file} (${report.bytes} bytes)\n`,
      );
    });
};
