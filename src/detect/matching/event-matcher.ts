/**
 * Matches one event against the compiled indicators: candidates from the indexes, each evaluated
 * on the event (or, for patterns spanning events, on the event's correlation window), kept when
 * the event's time lies within the indicator's validity `[valid_from, valid_until)` (unless retro).
 */
import type { CompiledPattern, Observation } from '../../pattern/index.js';
import { PatternError } from '../../pattern/index.js';
import type { CompiledIndicators } from '../indicators/compile-indicators.js';
import type { LogEvent } from '../model/log-event.js';
import { RecordObservation } from '../model/record-observation.js';
import { type CorrelationLimits, CorrelationState } from './correlation-state.js';

/** Options of the matcher. */
export interface EventMatcherOptions extends CorrelationLimits {
  /** Match indicators whatever their validity window (`--retro`). */
  readonly retro?: boolean;
  /** Called when an indicator could not be evaluated on an event (a limit was exceeded): no match. */
  readonly onEvaluationError?: (indicator: number, error: PatternError) => void;
  /** Evaluations over the limits after which an indicator is no longer evaluated (default 10). */
  readonly maxEvaluationErrors?: number;
  /** Called once when an indicator is disabled. */
  readonly onDisabled?: (indicator: number) => void;
}

/** Matches events one at a time; holds the correlation state. */
export class EventMatcher {
  private readonly state: CorrelationState;
  // An indicator that keeps exceeding the limits would cost every event that hits it: it stops.
  private readonly errors = new Map<number, number>();
  private readonly disabled = new Set<number>();

  constructor(
    private readonly compiled: CompiledIndicators,
    private readonly options: EventMatcherOptions = {},
  ) {
    this.state = new CorrelationState(options);
  }

  private holds(pattern: CompiledPattern, observations: readonly Observation[], id: number): boolean {
    try {
      return pattern.matches(observations);
    } catch (err) {
      if (!(err instanceof PatternError)) throw err;
      this.options.onEvaluationError?.(id, err);
      const n = (this.errors.get(id) ?? 0) + 1;
      this.errors.set(id, n);
      if (n >= (this.options.maxEvaluationErrors ?? 10) && !this.disabled.has(id)) {
        this.disabled.add(id);
        this.options.onDisabled?.(id);
      }
      return false;
    }
  }

  private valid(id: number, ms: number): boolean {
    if (this.disabled.size > 0 && this.disabled.has(id)) return false;
    if (this.options.retro) return true;
    const ind = this.compiled.indicators[id];
    return ind !== undefined && ms >= ind.validFrom && ms < ind.validUntil;
  }

  /** The positions of the indicators the event matches, ascending; `scope` keys the correlation. */
  match(event: LogEvent, scope: string): number[] {
    if (event.objects.length === 0) return [];
    const obs = new RecordObservation(event);
    const one = [obs];
    const c = this.compiled;
    const out: number[] = [];
    for (const id of c.singleIndex.candidates(one)) {
      const p = c.single[id];
      if (p && this.valid(id, obs.last) && this.holds(p, one, id)) out.push(id);
    }
    if (c.correlated.size > 0)
      for (const id of c.correlatedIndex.candidates(one)) {
        const p = c.correlated.get(id);
        if (!p || !this.valid(id, obs.last)) continue;
        if (!p.leaves.some((leaf) => this.holds(leaf, one, id))) continue;
        const window = this.state.add(scope, id, obs, p.horizonMs);
        if (window && this.holds(p.whole, window, id)) out.push(id);
      }
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  }

  /** Events too late to correlate, and observations held. */
  stats(): { late: number; held: number } {
    return { late: this.state.late, held: this.state.held() };
  }
}
