/** One log line read as an event: when it happened, which host it concerns, and its SCO drafts. */
import type { EventTime } from '../time/event-time.js';
import type { DraftObject } from './drafts.js';

/** What an adapter makes of one line. */
export interface LogEvent {
  readonly time: EventTime;
  /** The host whose events correlate under `--scope host` (the originator of a connection, the event's host). */
  readonly host: string | undefined;
  readonly objects: readonly DraftObject[];
}
