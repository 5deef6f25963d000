/**
 * In-memory throttle of failed logins per username and per client address, with exponential
 * backoff: after `freeFailures` failures each further failure doubles the wait (capped).
 * One instance per server; nothing here is module-level state.
 */

/** Limits of the throttle; defaults: 5 free failures, then 1 s doubling up to 15 min. */
export interface LoginLimiterOptions {
  readonly freeFailures?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Bound on tracked keys, so a flood of usernames cannot exhaust memory. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

interface Entry {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
}

/** Tracks failed logins and tells how long a key must still wait. */
export class LoginLimiter {
  readonly #entries = new Map<string, Entry>();
  readonly #free: number;
  readonly #base: number;
  readonly #max: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: LoginLimiterOptions = {}) {
    this.#free = options.freeFailures ?? 5;
    this.#base = options.baseDelayMs ?? 1000;
    this.#max = options.maxDelayMs ?? 15 * 60 * 1000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** Milliseconds the longest-blocked of `keys` must still wait (0 when none is blocked). */
  waitMs(keys: readonly string[]): number {
    const now = this.#now();
    let wait = 0;
    for (const key of keys) {
      const entry = this.#entries.get(key);
      if (entry && entry.blockedUntil > now) wait = Math.max(wait, entry.blockedUntil - now);
    }
    return wait;
  }

  /** Records a failed login for each key. */
  fail(keys: readonly string[]): void {
    const now = this.#now();
    for (const key of keys) {
      let entry = this.#entries.get(key);
      // A key quiet for longer than the longest delay starts afresh.
      if (entry && now - entry.lastFailure > this.#max) entry = undefined;
      entry ??= { failures: 0, blockedUntil: 0, lastFailure: now };
      entry.failures++;
      entry.lastFailure = now;
      const over = entry.failures - this.#free;
      if (over > 0) entry.blockedUntil = now + Math.min(this.#max, this.#base * 2 ** Math.min(over - 1, 30));
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  /** Forgets the failures of a key after a successful login. */
  succeed(key: string): void {
    this.#entries.delete(key);
  }
}
