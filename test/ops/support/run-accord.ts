/**
 * Runs `accord ARGS` in this process as cli/main.ts does (lazy command registry, the one error
 * map, `accord: …` lines), on real SQLite databases: fast enough to try every bad input.
 */
import { openStore } from '../../../src/store/index.js';
import { type AccordRun, runAccord } from '../../support/run-accord.js';

export type { AccordRun };

/** Runs one command line; `input` is its stdin (not a terminal), `env` its environment. */
export function accord(
  args: readonly string[],
  input = '',
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
): Promise<AccordRun> {
  return runAccord(args, (db) => openStore(db ?? 'missing-db-option.db'), input, env, cwd);
}
