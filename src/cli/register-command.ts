import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** Adds one command (with its options and action) to the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/**
 * A command as `accord --help` lists it, with the loader of its implementation: a run imports only
 * the module of the command it names, so `accord validate` never loads the server or the store.
 */
export interface CommandEntry {
  /** The top-level command name (`org` for `org add`). */
  readonly name: string;
  /** The one-line description the command's module gives it too (commands.test.ts keeps them equal). */
  readonly description: string;
  /** Imports the command's module and returns its RegisterCommand. */
  readonly load: () => Promise<RegisterCommand>;
  /** The command describes the whole CLI (`completion`): a run naming it loads every command in full. */
  readonly loadsEveryCommand?: boolean;
}
