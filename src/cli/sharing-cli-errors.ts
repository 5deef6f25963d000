/** Maps the domain errors of the sharing commands to CONTRACT.md exit statuses. */
import { CliError, EXIT } from './cli-error.js';

const INVALID = new Set(['CORE_INVALID', 'CORE_NOT_FOUND', 'CORE_CONFLICT']);

/** Runs a use case; an input the use case found invalid (bad timestamp, unknown organisation) exits 1. */
export async function asCliError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const code = err instanceof Error ? (err as { code?: unknown }).code : undefined;
    if (typeof code === 'string' && INVALID.has(code))
      throw new CliError((err as Error).message, EXIT.invalid);
    throw err;
  }
}
