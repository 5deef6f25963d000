/**
 * `accord attack show ID --as USER [--collection C] [--json]` (issue 19): the objects USER may see
 * whose MITRE ATT&CK id is ID (a technique T1059 or T1059.001, a group G0007, software S0154, a
 * tactic TA0001, …), their latest versions, in collection C or every collection USER may read.
 * Exit 0 when something was found, 1 when nothing (or ID is no ATT&CK id), 2 on bad usage.
 */
import { type AttackHit, findByAttackId } from '../core/index.js';
import { CliError, EXIT } from './cli-error.js';
import type { RegisterCommand } from './register-command.js';

/** One line: the ATT&CK id, type, STIX id, name, flags, collection. */
function line(attackId: string, { collectionId, object }: AttackHit): string {
  const flags = [
    object.revoked === true ? 'revoked' : '',
    object.x_mitre_deprecated === true ? 'deprecated' : '',
  ]
    .filter(Boolean)
    .map((f) => ` (${f})`)
    .join('');
  const name = typeof object.name === 'string' ? object.name : '';
  return `${attackId}\t${String(object.type)}\t${String(object.id)}\t${name}${flags}\tcollection ${collectionId}\n`;
}

/** Registers `attack show`. */
export const registerAttack: RegisterCommand = (program, ctx) => {
  const attack = program.command('attack').description('MITRE ATT&CK objects by their ATT&CK id');
  attack
    .command('show')
    .description(
      'show the objects a user may see whose ATT&CK id is ID (T1059, T1059.001, G0007, S0154, TA0001, …)',
    )
    .argument('<id>', 'an ATT&CK id')
    .requiredOption('--as <username>', 'user whose view is searched')
    .option('--collection <id>', 'only this collection (default: every collection the user may read)')
    .option('--json', 'print a JSON array of {"collection", "object"}')
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(
      async (attackId: string, opts: { as: string; collection?: string; json?: boolean; db?: string }) => {
        const store = await ctx.openStore(opts.db);
        try {
          const hits = await findByAttackId(store, {
            attackId,
            username: opts.as,
            ...(opts.collection === undefined ? {} : { collectionId: opts.collection }),
          });
          const upper = attackId.toUpperCase();
          if (opts.json)
            ctx.stdout.write(
              `${JSON.stringify(hits.map((h) => ({ collection: h.collectionId, object: h.object })))}\n`,
            );
          else for (const h of hits) ctx.stdout.write(line(upper, h));
          if (hits.length === 0)
            throw new CliError(`no object with ATT&CK id ${upper} that ${opts.as} may see`, EXIT.invalid);
        } finally {
          await store.close();
        }
      },
    );
};
