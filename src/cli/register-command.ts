import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** Adds one command (with its options and action) to the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;
