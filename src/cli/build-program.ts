/** The commander program of `accord`, with only the command a run names loaded. */
import { Command } from 'commander';
import { configureCommand } from './config/apply-settings.js';
import type { CliContext } from './context.js';
import type { CommandEntry } from './register-command.js';
import { checkUnknownOptions } from './unknown-options.js';

/** The top-level command an argument list names (`help NAME` names NAME), skipping global options. */
export function commandNameOf(args: readonly string[]): string | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/**
 * Builds the program for `args` (process.argv without node and the script). The named command is
 * loaded and registered in full; every other entry is a stub with its name and description, which
 * is all `accord --help` prints and costs no import. An option the named command does not take
 * is refused here, before commander checks required options (CliError, exit 2).
 */
export async function buildProgram(
  args: readonly string[],
  entries: readonly CommandEntry[],
  ctx: CliContext,
): Promise<Command> {
  const program = new Command('accord')
    .description('Accord: exchange cyber-threat intelligence between allies on STIX 2.1 and TAXII 2.1')
    .option('--debug', 'print stack traces of internal errors')
    .option(
      '--config <file>',
      'configuration file (default: $ACCORD_CONFIG, else ./accord.toml when present)',
    )
    .version(ctx.version ?? 'unknown', '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeErr: (s) => ctx.stderr.write(s),
      writeOut: (s) => ctx.stdout.write(s),
      outputError: (s, write) => write(oneLine(s)),
    });
  const named = commandNameOf(args);
  const all = entries.some((e) => e.name === named && e.loadsEveryCommand === true);
  for (const entry of entries) {
    if (all || entry.name === named) (await entry.load())(program, ctx);
    else program.command(entry.name).description(entry.description);
  }
  const command = checkUnknownOptions(program, args);
  // Flag > ACCORD_* > configuration file > default (docs/reference/configuration.md).
  if (command !== program) await configureCommand(command, args, ctx.env, ctx.cwd ?? process.cwd());
  return program;
}

/**
 * Commander's usage errors as CONTRACT.md's one `accord: …` line: `error: unknown command 'orgg'`
 * and `(Did you mean org?)` become `accord: unknown command 'orgg' (did you mean org?)`.
 */
export function oneLine(message: string): string {
  const text = message
    .trim()
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean (.*)\)$/, ' (did you mean $1)')
    .replace(/\s*\n\s*/g, ' ');
  return `accord: ${text}\n`;
}
