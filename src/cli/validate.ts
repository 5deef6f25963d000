/** `accord validate [--json] FILE|-` (CONTRACT.md "STIX"): validates a STIX object, bundle or array, streaming. */
import { createReadStream } from 'node:fs';
import { validateStixStream } from '../core/ingest/stix-validation.js';
import { type Issue, type ObjectResult, StixError } from '../stix/index.js';
import { CliError, EXIT, exitStatusOf } from './cli-error.js';
import type { RegisterCommand } from './register-command.js';

/** Writes to a stream, waiting for it to drain (bounded memory on huge outputs). */
function writer(out: NodeJS.WritableStream): (text: string) => Promise<void> {
  return (text) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

const line = (i: Issue): string =>
  `${i.severity.padEnd(7)} ${i.path || '/'}  ${i.message} (${i.section === '' ? 'input limit' : `STIX 2.1 §${i.section}`})\n`;
const contractIssue = (i: Issue) => ({ path: i.path, message: i.message, code: i.code, section: i.section });
const contractResult = (r: ObjectResult) => ({
  id: r.id,
  valid: r.valid,
  errors: r.errors.map(contractIssue),
  warnings: r.warnings.map(contractIssue),
});

/** Registers `validate`: exit 0 all valid (warnings allowed), 1 something invalid, 2 unreadable or not JSON. */
export const registerValidate: RegisterCommand = (program, ctx) => {
  program
    .command('validate')
    .description('validate a STIX 2.1 object, bundle or JSON array of objects (FILE or - for stdin)')
    .argument('<file>', 'the file to validate, or - for standard input')
    .option('--json', 'print {"valid", "results": [{"id", "valid", "errors", "warnings"}]}')
    .action(async (file: string, opts: { json?: boolean }) => {
      const input = file === '-' ? ctx.stdin : createReadStream(file);
      const write = writer(ctx.stdout);
      const counts = { objects: 0, invalid: 0, errors: 0, warnings: 0 };
      let opened = false;
      try {
        for await (const batch of validateStixStream(input)) {
          let text = '';
          for (const result of batch) {
            counts.objects++;
            if (!result.valid) counts.invalid++;
            counts.errors += result.errors.length;
            counts.warnings += result.warnings.length;
            if (opts.json) {
              text += `${opened ? ',' : '{"results":['}${JSON.stringify(contractResult(result))}`;
              opened = true;
            } else {
              for (const issue of [...result.errors, ...result.warnings]) text += line(issue);
            }
          }
          if (text !== '') await write(text);
        }
      } catch (err) {
        const stixError = err instanceof StixError ? err : undefined;
        const message = stixError
          ? `${file === '-' ? 'stdin' : file}: ${stixError.message}`
          : readError(file, err);
        if (opts.json && opened) await write(`],"valid":false,"error":${JSON.stringify(message)}}\n`);
        // The file name goes in front of the message; the exit status is the one map's.
        throw new CliError(message, stixError ? exitStatusOf(stixError) : EXIT.usage);
      }
      const valid = counts.invalid === 0;
      if (opts.json) {
        await write(`${opened ? '' : '{"results":['}],"valid":${valid}}\n`);
      } else {
        await write(
          `${valid ? 'valid' : 'not valid'}: ${counts.objects} result(s), ${counts.invalid} invalid, ${counts.errors} error(s), ${counts.warnings} warning(s)\n`,
        );
      }
      ctx.setExitCode(valid ? EXIT.ok : EXIT.invalid);
    });
};

function readError(file: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : (err as Error).message;
  return `cannot read ${file}: ${reason}`;
}
