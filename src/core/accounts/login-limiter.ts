/**
 * Throttling of failed logins (docs/security/login-throttling.md). Three rules, each an
 * exponential backoff, so that guessing is slow without letting an attacker lock anyone out:
 *
 * 1. per (user, address), strict: only that user from that address waits;
 * 2. per address, over the *distinct* users that failed from it (password spraying): one user
 *    mistyping a hundred times counts once, so the other users behind a shared proxy go on;
 * 3. per user, over failures from addresses it has not recently logged in from (a guess spread
 *    over many addresses): a short, capped delay that never applies to an address the user
 *    has logged in from recently.
 *
 * Rules 2 and 3 count and apply only to (user, address) pairs without a recent success. One
 * instance per process, built by the composition root; every table is bounded in size.
 */

/** One backoff rule: `freeFailures` pass, then each further failure doubles the wait. */
export interface ThrottleRule {
  readonly freeFailures: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A key without failures for this long starts afresh. */
  readonly windowMs: number;
}

/** Options of the limiter; every number has a default (see DEFAULT_THROTTLE). */
export interface LoginLimiterOptions {
  readonly pair?: Partial<ThrottleRule>;
  readonly address?: Partial<ThrottleRule>;
  readonly user?: Partial<ThrottleRule>;
  /** How long a successful login keeps its (user, address) pair trusted (default 30 days). */
  readonly recentSuccessMs?: number;
  /** Bound on the entries of each table, so a flood of names or addresses cannot exhaust memory. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

const MINUTE = 60_000;

/** The default rules (docs/security/login-throttling.md explains the numbers). */
export const DEFAULT_THROTTLE = {
  pair: { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 15 * MINUTE, windowMs: 15 * MINUTE },
  address: { freeFailures: 20, baseDelayMs: 1000, maxDelayMs: 15 * MINUTE, windowMs: 60 * MINUTE },
  user: { freeFailures: 10, baseDelayMs: 1000, maxDelayMs: MINUTE, windowMs: 60 * MINUTE },
  recentSuccessMs: 30 * 24 * 60 * MINUTE,
  maxEntries: 10_000,
} as const;

interface Entry {
  failures: number;
  last: number;
  until: number;
}

/** A bounded table of keys with an exponential backoff each (least recently failed evicted first). */
class Backoff {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly rule: ThrottleRule,
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.now() - entry.last > this.rule.windowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** True when the key failed within the window. */
  has(key: string): boolean {
    return this.#live(key) !== undefined;
  }

  /** Milliseconds the key must still wait. */
  wait(key: string): number {
    const entry = this.#live(key);
    return entry === undefined ? 0 : Math.max(0, entry.until - this.now());
  }

  fail(key: string): void {
    const now = this.now();
    const entry = this.#live(key) ?? { failures: 0, last: now, until: 0 };
    entry.failures++;
    entry.last = now;
    const over = entry.failures - this.rule.freeFailures;
    if (over > 0) {
      entry.until = now + Math.min(this.rule.maxDelayMs, this.rule.baseDelayMs * 2 ** Math.min(over - 1, 40));
    }
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    bound(this.#entries, this.maxEntries);
  }

  forget(key: string): void {
    this.#entries.delete(key);
  }
}

function bound(map: Map<string, unknown>, max: number): void {
  while (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) return;
    map.delete(oldest);
  }
}

/** Tracks failed and successful logins and tells how long an attempt must wait. */
export class LoginLimiter {
  readonly #pair: Backoff;
  readonly #address: Backoff;
  /** The (user, address) pairs an address was charged for, within the address rule's window. */
  readonly #charged: Backoff;
  readonly #user: Backoff;
  readonly #successes = new Map<string, number>();
  readonly #recentMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: LoginLimiterOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxEntries = options.maxEntries ?? DEFAULT_THROTTLE.maxEntries;
    this.#recentMs = options.recentSuccessMs ?? DEFAULT_THROTTLE.recentSuccessMs;
    const table = (defaults: ThrottleRule, given: Partial<ThrottleRule> | undefined) =>
      new Backoff({ ...defaults, ...given }, this.#maxEntries, this.#now);
    this.#pair = table(DEFAULT_THROTTLE.pair, options.pair);
    const address = { ...DEFAULT_THROTTLE.address, ...options.address };
    this.#address = new Backoff(address, this.#maxEntries, this.#now);
    this.#charged = new Backoff(
      { freeFailures: Number.POSITIVE_INFINITY, baseDelayMs: 0, maxDelayMs: 0, windowMs: address.windowMs },
      this.#maxEntries,
      this.#now,
    );
    this.#user = table(DEFAULT_THROTTLE.user, options.user);
  }

  /** True when `user` logged in from `address` within recentSuccessMs. */
  #trusted(pair: string): boolean {
    const at = this.#successes.get(pair);
    if (at === undefined) return false;
    if (this.#now() - at > this.#recentMs) {
      this.#successes.delete(pair);
      return false;
    }
    return true;
  }

  /** Milliseconds an attempt for `user` (a username or token key) from `address` must still wait (0: go on). */
  waitMs(user: string, address: string): number {
    const pair = pairKey(user, address);
    const own = this.#pair.wait(pair);
    if (this.#trusted(pair)) return own;
    return Math.max(own, this.#address.wait(address), this.#user.wait(user));
  }

  /** Records a failed login. */
  fail(user: string, address: string): void {
    const pair = pairKey(user, address);
    this.#pair.fail(pair);
    if (this.#trusted(pair)) return;
    // An address is charged once per user that fails from it, not once per failure.
    if (!this.#charged.has(pair)) this.#address.fail(address);
    this.#charged.fail(pair);
    this.#user.fail(user);
  }

  /** Records a successful login: the pair's failures are forgotten and the pair is trusted. */
  succeed(user: string, address: string): void {
    const pair = pairKey(user, address);
    this.#pair.forget(pair);
    this.#successes.delete(pair);
    this.#successes.set(pair, this.#now());
    bound(this.#successes, this.#maxEntries);
  }
}

function pairKey(user: string, address: string): string {
  return `${user}\u0000${address}`;
}
