#!/usr/bin/env node
/** Composition root of the CLI: builds the context (streams, store factory) and runs a command. */
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import type { SecretKeySource } from '../store/index.js';
import { buildProgram } from './build-program.js';
import { EXIT, exitStatusOf } from './cli-error.js';
import { COMMANDS } from './commands.js';
import type { CliContext } from './context.js';

const debug = process.argv.includes('--debug');

/** The key that seals peer passwords: $ACCORD_SECRET_KEY (base64), $ACCORD_SECRET_KEY_FILE, else `<database>.key`. */
function secretKey(env: NodeJS.ProcessEnv): SecretKeySource | undefined {
  if (env.ACCORD_SECRET_KEY)
    return { key: Buffer.from(env.ACCORD_SECRET_KEY, 'base64'), origin: '$ACCORD_SECRET_KEY' };
  if (env.ACCORD_SECRET_KEY_FILE) return { file: env.ACCORD_SECRET_KEY_FILE };
  return undefined;
}

/** The version in package.json: two levels up from src/cli/main.ts and from the bundled dist/cli/main.js alike. */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

const ctx: CliContext = {
  version: packageVersion(),
  // A getter: touching process.stdin sets up a stream even for commands that never read it.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  interactive: Boolean(process.stderr.isTTY),
  openStore: async (db) => {
    // Imported here, not above: commands that touch no database never load the store.
    const { openStore } = await import('../store/index.js');
    const key = secretKey(process.env);
    return openStore(db ?? process.env.ACCORD_DB ?? './accord-data/accord.db', key ? { secretKey: key } : {});
  },
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

function fail(err: unknown): void {
  if (err instanceof CommanderError) {
    // Help and version are successful exits; usage mistakes were already printed by commander.
    process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`accord: ${message.split('\n')[0]}\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exitCode = exitStatusOf(err);
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // A closed pipe (`accord … | head`) is not an error of ours.
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

try {
  const program = await buildProgram(process.argv.slice(2), COMMANDS, ctx);
  await program.parseAsync(process.argv);
} catch (err) {
  fail(err);
}
