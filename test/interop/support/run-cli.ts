/** Runs `accord import` / `accord export` in-process on a fixture's store, as the CLI would. */
import { PassThrough } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { exitStatusOf } from '../../../src/cli/cli-error.js';
import type { CliContext } from '../../../src/cli/context.js';
import { registerExport } from '../../../src/cli/export.js';
import { registerImport } from '../../../src/cli/import.js';
import type { Store } from '../../../src/store/index.js';

/** What a command printed and its exit status. */
export interface CliRun {
  readonly out: string;
  readonly err: string;
  readonly code: number;
}

/** The store as a command sees it: the command closes it when done, the test keeps it open. */
function borrowed(store: Store): Store {
  return new Proxy(store, {
    get(target, key) {
      if (key === 'close') return async () => {};
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Runs one command (`import …` or `export …`) with `store` as its database. */
export async function runCli(store: Store, args: readonly string[], input = ''): Promise<CliRun> {
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
    env: {},
    interactive: false,
    openStore: async () => borrowed(store),
    setExitCode: (c) => {
      code = c;
    },
  };
  const program = new Command('accord').exitOverride();
  program.configureOutput({
    writeErr: (s) => {
      err += s;
    },
    writeOut: (s) => {
      out += s;
    },
  });
  registerImport(program, ctx);
  registerExport(program, ctx);
  stdin.end(input);
  try {
    await program.parseAsync(['node', 'accord', ...args]);
  } catch (e) {
    // As main.ts: commander's usage errors exit 2; the rest go through the one map.
    code = e instanceof CommanderError ? 2 : exitStatusOf(e);
    err += `accord: ${(e as Error).message}\n`;
  }
  return { out, err, code };
}
