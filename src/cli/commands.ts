import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** Adds one command (with its options and action) to the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/**
 * Every command of the CLI, in the order `accord --help` lists them. Each entry lives in its
 * own file beside this one (CONTRACT.md fixes their names, options and exit statuses).
 */
export const COMMANDS: readonly RegisterCommand[] = [];
