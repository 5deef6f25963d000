/** `accord audit [--since TIMESTAMP] [--org ID] [--object ID] [--json] [--db PATH]` (CONTRACT.md "Sharing rules"). */
import { listAudit } from '../core/index.js';
import type { RegisterCommand } from './register-command.js';

/** Registers `audit`: prints the append-only audit log, oldest first (exit 1: bad --since). */
export const registerAudit: RegisterCommand = (program, ctx) => {
  program
    .command('audit')
    .description(
      'the append-only audit log: reads and sends of TLP:AMBER/AMBER+STRICT/RED versions, administrative changes',
    )
    .option('--since <timestamp>', 'only events at or after this UTC STIX timestamp')
    .option('--org <id>', 'only events of this organisation')
    .option('--object <id>', 'only events naming this object (any version): who read it, who was sent it')
    .option('--limit <n>', 'at most this many events', (v) => Number.parseInt(v, 10))
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .option('--json', 'print {"events": [...]}')
    .action(
      async (opts: {
        since?: string;
        org?: string;
        object?: string;
        limit?: number;
        db?: string;
        json?: boolean;
      }) => {
        const store = await ctx.openStore(opts.db);
        try {
          const events = await listAudit(store, {
            ...(opts.since === undefined ? {} : { since: opts.since }),
            ...(opts.org === undefined ? {} : { orgId: opts.org }),
            ...(opts.object === undefined ? {} : { objectId: opts.object }),
            ...(opts.limit === undefined || Number.isNaN(opts.limit) ? {} : { limit: opts.limit }),
          });
          if (opts.json) {
            ctx.stdout.write(`${JSON.stringify({ events })}\n`);
            return;
          }
          for (const e of events) {
            const object =
              e.objectId === undefined ? '' : ` ${e.objectId}${e.objectVersion ? `@${e.objectVersion}` : ''}`;
            const fields = [
              e.at,
              e.action,
              e.orgId,
              e.username ? `user=${e.username}` : '',
              object.trim(),
              e.marking ?? '',
              e.detail ?? '',
            ];
            ctx.stdout.write(`${fields.filter((f) => f !== '').join('  ')}\n`);
          }
        } finally {
          await store.close();
        }
      },
    );
};
