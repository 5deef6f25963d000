/** `accord stix id [--json] FILE|-` (CONTRACT.md "STIX"): deterministic ids (spec 2.9) of a JSON array of SCOs. */
import { readFile } from 'node:fs/promises';
import {
  describeUtf8Problem,
  identifyScos,
  lineColumnOf,
  mayHoldLongIntegers,
  parseJsonExact,
  utf8Problem,
} from '../stix/index.js';
import { CliError, EXIT } from './cli-error.js';
import type { RegisterCommand } from './register-command.js';

/** Largest input read (the whole array is held in memory). */
const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** The input's bytes as text: strict UTF-8 (RFC 8259 section 8.1), never repaired with U+FFFD. */
function decode(bytes: Buffer, name: string): string {
  const bad = utf8Problem(bytes);
  if (bad !== undefined)
    throw new CliError(`${name}: ${describeUtf8Problem(bad, lineColumnOf(bytes, bad.offset))}`, EXIT.usage);
  return bytes.toString('utf8');
}

async function readInput(file: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (file !== '-') {
    try {
      return decode(await readFile(file), file);
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(
        `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        EXIT.usage,
      );
    }
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_INPUT_BYTES)
      throw new CliError(`stdin is larger than ${MAX_INPUT_BYTES} bytes`, EXIT.usage);
    chunks.push(buf);
  }
  return decode(Buffer.concat(chunks), 'stdin');
}

/**
 * Registers `stix id`: prints a JSON array of ids (a UUIDv4 for SCOs without ID Contributing
 * Properties; null for invalid SCOs, then exit 1); exit 2 if not a JSON array.
 */
export const registerStixId: RegisterCommand = (program, ctx) => {
  const stix =
    program.commands.find((c) => c.name() === 'stix') ??
    program.command('stix').description('STIX 2.1 tools');
  stix
    .command('id')
    .description('print the deterministic identifiers (STIX 2.1 section 2.9) of a JSON array of SCOs')
    .argument('<file>', 'a JSON array of SCOs, or - for standard input')
    .option('--json', 'print the JSON array (the default output is already JSON)')
    .action(async (file: string) => {
      const text = await readInput(file, ctx.stdin);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new CliError(`${file === '-' ? 'stdin' : file} is not JSON`, EXIT.usage);
      }
      if (!Array.isArray(value)) throw new CliError('the input must be a JSON array of SCOs', EXIT.usage);
      // Integers beyond 2^53 contribute their exact digits (docs/decisions/0001).
      const exact = mayHoldLongIntegers(text) ? parseJsonExact(text) : undefined;
      const ids = identifyScos(value, Array.isArray(exact) ? { exact } : {});
      ctx.stdout.write(`${JSON.stringify(ids)}\n`);
      ctx.setExitCode(ids.includes(null) ? EXIT.invalid : EXIT.ok);
    });
};
