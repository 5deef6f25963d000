/** How every `list` command prints: one JSON array with --json, else an aligned table with a header. */
import type { CliContext } from './context.js';

/** A column of the table: its header and how a row shows in it. */
export interface Column<T> {
  readonly header: string;
  readonly cell: (row: T) => string;
}

/** Prints `rows` as one JSON array (`json`) or as a table; an empty table says so instead of printing nothing. */
export function printList<T>(
  ctx: CliContext,
  rows: readonly T[],
  columns: readonly Column<T>[],
  opts: { readonly json?: boolean | undefined; readonly empty: string },
): void {
  if (opts.json) {
    ctx.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  if (rows.length === 0) {
    ctx.stdout.write(`${opts.empty}\n`);
    return;
  }
  // Cells come from untrusted data (names, titles): control characters would forge table lines.
  const cells = rows.map((r) => columns.map((c) => c.cell(r).replace(/[\p{Cc}]/gu, '?')));
  const headers = columns.map((c) => c.header);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  ctx.stdout.write(`${[line(headers), ...cells.map(line)].join('\n')}\n`);
}

/** A list of names as one cell (`-` when empty). */
export const joined = (values: readonly string[]): string => (values.length === 0 ? '-' : values.join(','));
