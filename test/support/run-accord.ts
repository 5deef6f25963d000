/**
 * Runs `accord ARGS` in this process as cli/main.ts does (lazy command registry, the one error
 * map, `accord: …` lines): fast enough for tests to try every bad input. Each suite supplies how
 * a command opens its database.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { CommanderError } from 'commander';
import { buildProgram } from '../../src/cli/build-program.js';
import { exitStatusOf } from '../../src/cli/cli-error.js';
import { COMMANDS } from '../../src/cli/commands.js';
import type { CliContext } from '../../src/cli/context.js';

/** What a run printed and its exit status. */
export interface AccordRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Runs one command line; `input` is its stdin (not a terminal), `env` its environment. */
export async function runAccord(
  args: readonly string[],
  openStore: CliContext['openStore'],
  input: string | Buffer = '',
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
): Promise<AccordRun> {
  const [stdin, stdout, stderr] = [new PassThrough(), new PassThrough(), new PassThrough()];
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += String(c);
  });
  stderr.on('data', (c) => {
    err += String(c);
  });
  let code = 0;
  const ctx: CliContext = {
    stdin,
    stdout,
    stderr,
    env,
    ...(cwd === undefined ? {} : { cwd }),
    version: VERSION,
    interactive: false,
    openStore,
    setExitCode: (c) => {
      code = c;
    },
  };
  stdin.end(input);
  try {
    const program = await buildProgram(args, COMMANDS, ctx);
    await program.parseAsync(['node', 'accord', ...args]);
  } catch (e) {
    if (e instanceof CommanderError) code = e.exitCode === 0 ? 0 : 2;
    else {
      code = exitStatusOf(e);
      err += `accord: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}\n`;
    }
  }
  return { code, out, err };
}
