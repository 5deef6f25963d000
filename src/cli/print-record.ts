/** How every `show` command prints: one JSON object with --json, else `label: value` lines for people. */
import type { CliContext } from './context.js';

/** A line of the text form: its label and how the record shows in it. */
export interface Field<T> {
  readonly label: string;
  readonly value: (record: T) => string;
}

/** Prints `record` as one JSON object (`json`) or as aligned `label: value` lines. */
export function printRecord<T>(
  ctx: CliContext,
  record: T,
  fields: readonly Field<T>[],
  opts: { readonly json?: boolean | undefined },
): void {
  if (opts.json) {
    ctx.stdout.write(`${JSON.stringify(record)}\n`);
    return;
  }
  const width = Math.max(...fields.map((f) => f.label.length)) + 1;
  // Values come from untrusted data (names, titles, peer errors): control characters would forge lines.
  const lines = fields.map((f) =>
    `${`${f.label}:`.padEnd(width)} ${f.value(record).replace(/[\p{Cc}]/gu, '?')}`.trimEnd(),
  );
  ctx.stdout.write(`${lines.join('\n')}\n`);
}
