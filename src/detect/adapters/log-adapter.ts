/** What every log adapter offers: one line in, an event, nothing (headers, comments) or a rejection out. */
import type { LogEvent } from '../model/log-event.js';
import type { UtcOffset } from '../time/event-time.js';

/** The log formats of CONTRACT.md "Detection". */
export const LOG_FORMATS = ['ecs', 'zeek', 'w3c', 'suricata'] as const;

/** One of the log formats. */
export type LogFormat = (typeof LOG_FORMATS)[number];

/** The outcome of reading one line. */
export type LineResult =
  | { readonly kind: 'event'; readonly event: LogEvent }
  | { readonly kind: 'skip' }
  | { readonly kind: 'reject'; readonly reason: string };

/** Options every adapter receives. */
export interface AdapterOptions {
  /** Minutes east of UTC for timestamps written without an offset (`--tz`; default UTC). */
  readonly offset?: UtcOffset | undefined;
}

/** A stateful reader of one file's lines (header lines of TSV and W3C logs change how later lines read). */
export interface LogAdapter {
  readonly format: LogFormat;
  /** Reads one line of text (without its line feed). */
  read(text: string): LineResult;
  /**
   * What, besides the line, gives the line its meaning (the current header of TSV and W3C logs);
   * part of the deterministic observed-data id.
   */
  context(): string;
}
