/** What the attribution and advisory commands share: lists, the node, warnings, release first. */
import { type NodeServices, nodeServices, releaseDueAdvisories } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { CliContext } from './context.js';

/** A comma-separated option as a list (empty items dropped). */
export function listOption(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The database option every command that touches data takes. */
export const DB_OPTION = [
  '--db <path>',
  'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)',
] as const;

/**
 * Runs `use` over the node of `--db` (store closed after); cli-error.ts maps what it throws.
 * With `read`, the advisory release job runs one pass first (ADR 0004: released on every node
 * that holds it, whether or not a server runs).
 */
export async function withNode<T>(
  ctx: CliContext,
  db: string | undefined,
  use: (node: NodeServices) => Promise<T>,
  read = false,
): Promise<T> {
  const store: Store = await ctx.openStore(db);
  try {
    const node = nodeServices(store);
    if (read) await releaseDueAdvisories(node);
    return await use(node);
  } finally {
    await store.close();
  }
}

/** Prints builder warnings as `accord: warning: …` lines on stderr. */
export function warn(ctx: CliContext, warnings: readonly string[]): void {
  for (const w of warnings) ctx.stderr.write(`accord: warning: ${w}\n`);
}
