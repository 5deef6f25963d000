/**
 * Where a command reads a password from, so that it need never appear on the command line
 * (where `ps` shows it to every user of the machine): a file or pipe on stdin, an environment
 * variable, or a prompt on the terminal that does not echo. `--password PW` still works
 * (CONTRACT.md) but is documented as visible to others.
 */

import { isUtf8 } from 'node:buffer';
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { CliError, EXIT } from './cli-error.js';
import type { CliContext } from './context.js';

/** Where a secret may come from, in order of precedence. */
export interface SecretSources {
  /** `--password PW` as given. */
  readonly flag?: string;
  /** `--password-stdin`: read one line from stdin. */
  readonly stdin?: boolean;
  /** Read stdin too when it is not a terminal (e.g. `user password`). */
  readonly stdinUnlessTerminal?: boolean;
  /** The environment variable that may hold it. */
  readonly envVar: string;
  /** The prompt, e.g. `Password for alice: `. */
  readonly prompt: string;
  /** Ask twice on a terminal (a new password). */
  readonly confirm?: boolean;
}

const MAX_SECRET_BYTES = 4096;

/** A readable that may be a terminal. */
type MaybeTerminal = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

/** The secret from the first source that has one; CliError (exit 2) when none does. */
export async function readSecret(ctx: CliContext, sources: SecretSources): Promise<string> {
  if (sources.flag !== undefined) return sources.flag;
  const stdin = ctx.stdin as MaybeTerminal;
  const terminal = stdin.isTTY === true && typeof stdin.setRawMode === 'function';
  if (sources.stdin || (sources.stdinUnlessTerminal && !terminal)) return readLine(stdin);
  const fromEnv = ctx.env[sources.envVar];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (terminal) {
    const first = await promptHidden(stdin, ctx.stderr, sources.prompt);
    if (sources.confirm) {
      const second = await promptHidden(stdin, ctx.stderr, 'Again: ');
      if (first !== second) throw new CliError('the two passwords differ', EXIT.usage);
    }
    return first;
  }
  throw new CliError(
    `no password given: use --password-stdin, set $${sources.envVar}, or run at a terminal to be asked`,
    EXIT.usage,
  );
}

/** The first line of stdin (without its line end); the rest must be empty. */
async function readLine(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_SECRET_BYTES)
      throw new CliError(`stdin holds more than ${MAX_SECRET_BYTES} bytes`, EXIT.usage);
    chunks.push(buf);
  }
  const bytes = Buffer.concat(chunks);
  if (!isUtf8(bytes)) throw new CliError('the password on stdin is not UTF-8', EXIT.usage);
  const text = bytes.toString('utf8');
  const end = text.search(/\r?\n/);
  const line = end < 0 ? text : text.slice(0, end);
  if (end >= 0 && text.slice(end).trim() !== '')
    throw new CliError('stdin must hold the password on one line', EXIT.usage);
  if (line === '') throw new CliError('the password on stdin is empty', EXIT.usage);
  return line;
}

/** Asks on the terminal with echo off (raw mode): Enter ends, Backspace erases, Ctrl-C or Ctrl-D abort. */
function promptHidden(input: MaybeTerminal, output: Writable, question: string): Promise<string> {
  output.write(question);
  input.setRawMode?.(true);
  input.resume();
  const decoder = new StringDecoder('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (error?: CliError) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004') return done(new CliError('no password given', EXIT.usage));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    input.on('data', onData);
  });
}
