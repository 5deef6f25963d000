/** `accord completion bash|zsh|fish` (issue 20): a completion script from the loaded command table. */
import type { Command } from 'commander';
import { CliError } from './cli-error.js';
import { bashScript, type CommandNode, fishScript, zshScript } from './completion-scripts.js';
import type { RegisterCommand } from './register-command.js';

const SCRIPTS = { bash: bashScript, zsh: zshScript, fish: fishScript } as const;

/** The tree completion offers: every command with its options (help included) and subcommands. */
export function commandTree(cmd: Command): CommandNode {
  const help = cmd.createHelp();
  return {
    name: cmd.name(),
    description: cmd.description().split('\n')[0] ?? '',
    options: help.visibleOptions(cmd).map((o) => ({
      ...(o.long === undefined ? {} : { long: o.long }),
      ...(o.short === undefined ? {} : { short: o.short }),
      description: o.description,
      takesValue: o.required || o.optional,
    })),
    subcommands: help
      .visibleCommands(cmd)
      .filter((c) => c.name() !== 'help')
      .map(commandTree),
  };
}

/** Registers `completion <shell>`; the command table registers every command in full for it. */
export const registerCompletion: RegisterCommand = (program, ctx) => {
  program
    .command('completion')
    .description('print a shell completion script for bash, zsh or fish, generated from the command table')
    .argument('<shell>', 'bash, zsh or fish')
    .action((shell: string) => {
      const script = SCRIPTS[shell as keyof typeof SCRIPTS];
      if (script === undefined) throw new CliError(`no completion for shell ${shell}; use bash, zsh or fish`);
      ctx.stdout.write(script(commandTree(program)));
    });
};
