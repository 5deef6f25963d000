/**
 * `accord attribution claim|dispute|consensus` (CONTRACT.md "Attribution and consensus"):
 * exit 1 when the input was read and found invalid (unknown or hidden ids, confidence outside
 * 0–100, …): nothing is stored.
 */
import { attributionConsensus, type Consensus, claimAttribution, disputeAttribution } from '../core/index.js';
import { DB_OPTION, listOption, warn, withNode } from './intel-cli.js';
import type { RegisterCommand } from './register-command.js';

/** `--confidence` as given: a whole number when it reads as one, else the text (the claim refuses it). */
function confidenceOf(text: string): unknown {
  return /^-?\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : text;
}

function consensusText(consensus: Consensus): string {
  const lines: string[] = [];
  for (const s of consensus.subjects) {
    lines.push(`${s.name || s.subject_refs[0]}  (${s.subject_refs.join(', ')})`);
    for (const c of s.candidates) {
      const dissent = c.dissent ? `, disputed by ${c.disputing.length}` : '';
      lines.push(
        `  → ${c.name || c.target_refs[0]}: ${c.supporting.length} supporting, mean confidence ${c.mean_confidence.toFixed(1)}${dissent}`,
      );
    }
  }
  return lines.length === 0 ? 'no attribution claims visible\n' : `${lines.join('\n')}\n`;
}

/** Registers `attribution claim`, `attribution dispute` and `attribution consensus`. */
export const registerAttribution: RegisterCommand = (program, ctx) => {
  const attribution = program
    .command('attribution')
    .description('attribution claims (attributed-to with a confidence), disputes and their consensus');
  attribution
    .command('claim <subject> <target>')
    .description(
      'claim, as your organisation, that SUBJECT is attributed to TARGET; prints the relationship id',
    )
    .requiredOption('--confidence <n>', 'your confidence, a whole number from 0 to 100')
    .requiredOption('--collection <id>', 'collection to store the claim in')
    .requiredOption('--as <username>', 'user whose organisation makes the claim')
    .option('--evidence <ids>', 'comma-separated report, indicator, sighting or attack-pattern ids')
    .option('--marking <ids>', 'comma-separated marking-definition ids (default: none, every reader)')
    .option('--description <text>', 'why, in a few words')
    .option('--json', 'print {"id", "warnings"}')
    .option(...DB_OPTION)
    .action(
      async (
        subject: string,
        target: string,
        opts: {
          confidence: string;
          collection: string;
          as: string;
          evidence?: string;
          marking?: string;
          description?: string;
          json?: boolean;
          db?: string;
        },
      ) => {
        const evidence = listOption(opts.evidence);
        const markings = listOption(opts.marking);
        const made = await withNode(ctx, opts.db, (node) =>
          claimAttribution(node, {
            username: opts.as,
            collectionId: opts.collection,
            subject,
            target,
            confidence: confidenceOf(opts.confidence),
            ...(evidence === undefined ? {} : { evidence }),
            ...(markings === undefined ? {} : { markings }),
            ...(opts.description === undefined ? {} : { description: opts.description }),
          }),
        );
        warn(ctx, made.warnings);
        ctx.stdout.write(opts.json ? `${JSON.stringify(made)}\n` : `${made.id}\n`);
      },
    );
  attribution
    .command('dispute <claim>')
    .description('dispute, as your organisation, a claim you may see; prints the opinion id')
    .requiredOption('--collection <id>', 'collection to store the dispute in')
    .requiredOption('--as <username>', 'user whose organisation disputes')
    .option('--explanation <text>', 'why')
    .option('--strongly', 'strongly-disagree instead of disagree')
    .option('--marking <ids>', 'comma-separated marking-definition ids (default: none, every reader)')
    .option('--json', 'print {"id", "warnings"}')
    .option(...DB_OPTION)
    .action(
      async (
        claim: string,
        opts: {
          collection: string;
          as: string;
          explanation?: string;
          strongly?: boolean;
          marking?: string;
          json?: boolean;
          db?: string;
        },
      ) => {
        const markings = listOption(opts.marking);
        const made = await withNode(ctx, opts.db, (node) =>
          disputeAttribution(node, {
            username: opts.as,
            collectionId: opts.collection,
            claim,
            ...(opts.explanation === undefined ? {} : { explanation: opts.explanation }),
            ...(opts.strongly ? { strongly: true } : {}),
            ...(markings === undefined ? {} : { markings }),
          }),
        );
        warn(ctx, made.warnings);
        ctx.stdout.write(opts.json ? `${JSON.stringify(made)}\n` : `${made.id}\n`);
      },
    );
  attribution
    .command('consensus')
    .description('the consensus per subject over every claim and dispute your organisation may see')
    .requiredOption('--as <username>', 'user whose organisation reads')
    .option('--subject <id>', 'only the subject this object belongs to')
    .option('--as-of <timestamp>', 'from the versions that existed at this UTC STIX timestamp')
    .option('--json', 'print {"subjects": [...]}')
    .option(...DB_OPTION)
    .action(async (opts: { as: string; subject?: string; asOf?: string; json?: boolean; db?: string }) => {
      const consensus = await withNode(
        ctx,
        opts.db,
        (node) =>
          attributionConsensus(node, {
            username: opts.as,
            ...(opts.subject === undefined ? {} : { subject: opts.subject }),
            ...(opts.asOf === undefined ? {} : { asOf: opts.asOf }),
          }),
        true,
      );
      ctx.stdout.write(opts.json ? `${JSON.stringify(consensus)}\n` : consensusText(consensus));
    });
};
