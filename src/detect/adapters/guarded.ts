/** Turns a RecordRejection thrown while mapping a line into a `reject` result. */
import type { LogEvent } from '../model/log-event.js';
import { RecordRejection } from '../record/record-rejection.js';
import type { LineResult } from './log-adapter.js';

/** Runs `map`; a rejection becomes a report reason, anything else is a bug and propagates. */
export function guarded(map: () => LogEvent | undefined): LineResult {
  try {
    const event = map();
    return event ? { kind: 'event', event } : { kind: 'skip' };
  } catch (err) {
    if (err instanceof RecordRejection) return { kind: 'reject', reason: err.message };
    throw err;
  }
}
