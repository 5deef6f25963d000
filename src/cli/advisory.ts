/**
 * `accord advisory draft|sign|status|export` (CONTRACT.md "Joint advisories"): exit 1 when the
 * input was read and found invalid (a co-signer list without your organisation, a release time
 * in the past, signing as a non-co-signer, an unknown or hidden advisory: nothing stored), 2 on
 * bad usage or an unreadable body file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import {
  type AdvisoryStatus,
  advisoryStatusPerNode,
  draftJointAdvisory,
  EXPORT_FORMATS,
  type ExportFormat,
  exportAdvisory,
  type NodeRelease,
  signJointAdvisory,
} from '../core/index.js';
import { CliError } from './cli-error.js';
import { DB_OPTION, listOption, withNode } from './intel-cli.js';
import type { RegisterCommand } from './register-command.js';

const TLPS = ['clear', 'green', 'amber'] as const;

type StatusPerNode = AdvisoryStatus & { readonly nodes: readonly NodeRelease[] };

/** A node's released state in words: `released 2026-…Z (version …)`, `not seen yet`, … */
function nodeText(n: NodeRelease): string {
  const who = n.self ? 'this node' : `peer ${n.peer ?? n.org}`;
  const when = n.at === undefined ? '' : ` ${n.at} (version ${n.version})`;
  const pulled = n.lastPull === undefined ? '' : ` (last pull ${n.lastPull})`;
  return `  ${who}: ${n.state.replaceAll('_', ' ')}${when}${pulled}`;
}

function statusText(s: StatusPerNode): string {
  const lines = [`${s.id}  ${s.state}`, `title: ${s.title}`, `release at: ${s.release_at}`];
  for (const c of s.cosigners) lines.push(`  ${c.signed ? 'signed  ' : 'unsigned'}  ${c.org}`);
  lines.push('released state per node:', ...s.nodes.map(nodeText));
  return `${lines.join('\n')}\n`;
}

/** The JSON of `advisory status`: the contract's fields, and `nodes` (ADR 0022) in snake_case. */
function statusJson(s: StatusPerNode): string {
  const nodes = s.nodes.map(({ lastPull, ...n }) => ({
    ...n,
    ...(lastPull === undefined ? {} : { last_pull: lastPull }),
  }));
  return `${JSON.stringify({ ...s, nodes })}\n`;
}

/** Registers the `advisory` commands. */
export const registerAdvisory: RegisterCommand = (program, ctx) => {
  const advisory = program
    .command('advisory')
    .description('joint advisories: drafted, signed by every co-signer, released together');
  advisory
    .command('draft')
    .description('draft a joint advisory, visible only to its co-signers until released; prints its id')
    .requiredOption('--title <title>', 'title')
    .requiredOption('--body <file>', 'Markdown body (a file, or - for stdin)')
    .requiredOption('--cosigners <orgs>', 'comma-separated organisation ids; yours must be one')
    .requiredOption('--release-at <timestamp>', 'UTC STIX timestamp of the release, in the future')
    .requiredOption('--collection <id>', 'collection to store the advisory in')
    .requiredOption('--as <username>', 'user whose organisation drafts')
    .option('--refs <ids>', 'comma-separated ids of the indicators, techniques and others it cites')
    .option('--tlp <level>', 'clear, green or amber', 'amber')
    .option(...DB_OPTION)
    .action(
      async (opts: {
        title: string;
        body: string;
        cosigners: string;
        releaseAt: string;
        collection: string;
        as: string;
        refs?: string;
        tlp: string;
        db?: string;
      }) => {
        if (!(TLPS as readonly string[]).includes(opts.tlp))
          throw new CliError(`--tlp must be clear, green or amber, not ${opts.tlp}`);
        const body = await readBody(ctx, opts.body);
        const refs = listOption(opts.refs);
        const id = await withNode(ctx, opts.db, (node) =>
          draftJointAdvisory(node, {
            username: opts.as,
            collectionId: opts.collection,
            title: opts.title,
            body,
            cosigners: listOption(opts.cosigners) ?? [],
            releaseAt: opts.releaseAt,
            tlp: opts.tlp as (typeof TLPS)[number],
            ...(refs === undefined ? {} : { refs }),
          }),
        );
        ctx.stdout.write(`${id}\n`);
      },
    );
  advisory
    .command('sign <id>')
    .description("approve, as your organisation, the advisory's current text; prints the signature id")
    .requiredOption('--as <username>', 'user of a co-signing organisation')
    .option('--collection <id>', "collection to store the signature in (default: the advisory's)")
    .option('--json', 'print {"id", "created"}')
    .option(...DB_OPTION)
    .action(async (id: string, opts: { as: string; collection?: string; json?: boolean; db?: string }) => {
      const signed = await withNode(
        ctx,
        opts.db,
        (node) => signJointAdvisory(node, opts.as, id, opts.collection),
        true,
      );
      if (opts.json) ctx.stdout.write(`${JSON.stringify(signed)}\n`);
      else ctx.stdout.write(`${signed.id}${signed.created ? '' : ' (already signed)'}\n`);
    });
  advisory
    .command('status <id>')
    .description('draft, sealed, released or missed, and who signed the current text')
    .requiredOption('--as <username>', 'user whose organisation reads')
    .option(
      '--json',
      'print {"id", "title", "state", "release_at", "cosigners": [{"org", "signed"}], "nodes": [{"self", "state", …}]}',
    )
    .option(...DB_OPTION)
    .action(async (id: string, opts: { as: string; json?: boolean; db?: string }) => {
      const status = await withNode(ctx, opts.db, (node) => advisoryStatusPerNode(node, opts.as, id), true);
      ctx.stdout.write(opts.json ? statusJson(status) : statusText(status));
    });
  advisory
    .command('export <id>')
    .description('the advisory as Markdown, HTML, PDF or one STIX bundle')
    .requiredOption('--as <username>', 'user whose organisation reads')
    .requiredOption('--format <format>', EXPORT_FORMATS.join(', '))
    .option('--out <file>', 'write here instead of stdout')
    .option('--chromium <path>', 'Chromium executable for PDF (default /usr/bin/chromium)')
    .option(...DB_OPTION)
    .action(
      async (
        id: string,
        opts: { as: string; format: string; out?: string; chromium?: string; db?: string },
      ) => {
        if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format))
          throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not ${opts.format}`);
        const bytes = await withNode(
          ctx,
          opts.db,
          (node) =>
            exportAdvisory(node, {
              username: opts.as,
              id,
              format: opts.format as ExportFormat,
              ...(opts.chromium === undefined ? {} : { chromium: opts.chromium }),
            }),
          true,
        );
        if (opts.out === undefined) ctx.stdout.write(bytes);
        else await writeFile(opts.out, bytes);
      },
    );
};

/** The Markdown body: a file, or stdin for `-`; unreadable is bad usage (exit 2). */
async function readBody(ctx: Parameters<RegisterCommand>[1], file: string): Promise<string> {
  try {
    if (file !== '-') return await readFile(file, 'utf8');
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  } catch (err) {
    throw new CliError(`cannot read --body ${file}: ${(err as Error).message}`);
  }
}
