/** `accord backup FILE` (CONTRACT.md "Operations"): a consistent copy of the node while it runs. */
import { backupNode } from '../core/index.js';
import type { RegisterCommand } from './register-command.js';

/** Registers `backup`; exit 1 when FILE exists (a backup never overwrites), 2 when it cannot be written. */
export const registerBackup: RegisterCommand = (program, ctx) => {
  program
    .command('backup <file>')
    .description(
      'write a consistent copy of the database to FILE while the node runs (SQLite online backup; pg_dump custom format on PostgreSQL, restored with pg_restore); the key file of peer passwords is not in it',
    )
    .option('--json', 'print {"file", "bytes"}')
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(async (file: string, opts: { json?: boolean; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        const report = await backupNode(store, file);
        ctx.stdout.write(
          opts.json
            ? `${JSON.stringify(report)}\n`
            : `backup written to ${report.file} (${report.bytes} bytes)\n`,
        );
      } finally {
        await store.close();
      }
    });
};
