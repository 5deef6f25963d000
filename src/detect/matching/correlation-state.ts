/**
 * Bounded state for patterns that span events, per correlation scope (a host, a file, or all):
 * for each (scope, pattern) only the observations that satisfy one of the pattern's observation
 * expressions, within the pattern's horizon of the newest event seen in that scope, and at most
 * `maxPerPattern` of them. Scopes beyond `maxScopes` are dropped least recently used first. An
 * event older than its scope's watermark (newest time minus the horizon) is too late to correlate.
 */
import type { Observation } from '../../pattern/index.js';

/** Bounds of the correlation state. */
export interface CorrelationLimits {
  /** Observations kept per (scope, pattern), oldest dropped first (default 1,000). */
  readonly maxPerPattern?: number;
  /** Scopes kept, least recently used dropped first (default 10,000). */
  readonly maxScopes?: number;
}

interface Scope {
  newest: number;
  readonly windows: Map<number, Observation[]>;
}

/** The state of all scopes. */
export class CorrelationState {
  private readonly scopes = new Map<string, Scope>();
  private readonly maxPerPattern: number;
  private readonly maxScopes: number;
  /** Events that arrived too late to correlate (older than their scope's watermark). */
  late = 0;

  constructor(limits: CorrelationLimits = {}) {
    this.maxPerPattern = limits.maxPerPattern ?? 1000;
    this.maxScopes = limits.maxScopes ?? 10_000;
  }

  private scope(key: string): Scope {
    let s = this.scopes.get(key);
    if (s) {
      // Map order is recency: re-insert on use.
      this.scopes.delete(key);
      this.scopes.set(key, s);
      return s;
    }
    s = { newest: Number.NEGATIVE_INFINITY, windows: new Map() };
    this.scopes.set(key, s);
    if (this.scopes.size > this.maxScopes) {
      const oldest = this.scopes.keys().next().value;
      if (oldest !== undefined) this.scopes.delete(oldest);
    }
    return s;
  }

  /**
   * Adds `obs` to pattern `id`'s window in scope `key` and returns the window (undefined when the
   * event is too late for the horizon).
   */
  add(key: string, id: number, obs: Observation, horizonMs: number): readonly Observation[] | undefined {
    const s = this.scope(key);
    if (obs.last > s.newest) s.newest = obs.last;
    const watermark = s.newest - horizonMs;
    if (obs.last < watermark) {
      this.late++;
      return undefined;
    }
    let w = s.windows.get(id) ?? [];
    if (w.length > 0 && (w[0] as Observation).last < watermark) w = w.filter((o) => o.last >= watermark);
    w.push(obs);
    if (w.length > this.maxPerPattern) w = w.slice(w.length - this.maxPerPattern);
    s.windows.set(id, w);
    return w;
  }

  /** How many observations are held in all. */
  held(): number {
    let n = 0;
    for (const s of this.scopes.values()) for (const w of s.windows.values()) n += w.length;
    return n;
  }
}
