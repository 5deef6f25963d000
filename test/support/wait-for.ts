/** Waiting for a condition in tests, instead of sleeping for a guessed time (issue 14). */

/** How long to wait and how often to look. */
export interface WaitForOptions {
  /** Give up after this many milliseconds (default 10,000). */
  readonly timeout?: number;
  /** Look again after this many milliseconds (default 20). */
  readonly interval?: number;
  /** What is awaited, for the error when it never happens. */
  readonly message?: string;
}

/**
 * Resolves as soon as `condition` holds; rejects once `timeout` ms pass without it holding,
 * naming what was awaited and the last error the condition threw (a throw counts as "not yet").
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeout = 10_000, interval = 20, message = 'a condition' }: WaitForOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      if (await condition()) return;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${message}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Like waitFor, but resolves with whether the condition held in time instead of rejecting. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  options: WaitForOptions = {},
): Promise<boolean> {
  return waitFor(condition, options).then(
    () => true,
    () => false,
  );
}
