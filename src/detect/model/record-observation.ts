/**
 * The matcher's view of one event (the `Observation` of src/pattern): its drafts grouped by type and
 * local keys resolved, so indicators are matched without building observed-data or ids.
 */
import type { JsonObject, Observation } from '../../pattern/index.js';
import type { DraftObject } from './drafts.js';
import { localIndex } from './drafts.js';
import type { LogEvent } from './log-event.js';

/** An Observation over a LogEvent's drafts (number_observed 1, first = last = the event time). */
export class RecordObservation implements Observation {
  readonly id = undefined;
  readonly count = 1;
  readonly first: number;
  readonly last: number;
  readonly byType: ReadonlyMap<string, readonly JsonObject[]>;

  constructor(private readonly event: LogEvent) {
    this.first = event.time.ms;
    this.last = event.time.ms;
    const byType = new Map<string, DraftObject[]>();
    for (const o of event.objects) {
      const list = byType.get(o.type);
      if (list) list.push(o);
      else byType.set(o.type, [o]);
    }
    this.byType = byType;
  }

  resolve(ref: string): JsonObject | undefined {
    const i = localIndex(ref);
    return i === undefined ? undefined : this.event.objects[i];
  }
}
