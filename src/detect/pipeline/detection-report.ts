/**
 * The report of a detection run (CONTRACT.md "Detection", `--report`): records read, rejected lines
 * with file, line and reason, matches, sightings, unusable indicators; and, as extensions, the
 * matches warninglists suppressed and warnings (default horizons applied, lists skipped).
 */

/** One rejected line (1-based line number). */
export interface RejectedLine {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

/** Matches suppressed because the value matched is on a warninglist. */
export interface SuppressedMatches {
  readonly id: string;
  readonly value: string;
  readonly warninglist: string;
  matches: number;
}

/** The report's JSON shape. */
export interface DetectionReport {
  records: number;
  rejected: RejectedLine[];
  /** Rejected lines beyond the listed ones (the list is bounded; 0 in most runs). */
  rejected_unlisted: number;
  matches: number;
  sightings: number;
  indicators_rejected: Array<{ id: string; error: string }>;
  suppressed: SuppressedMatches[];
  warnings: string[];
}

/** Most rejected lines listed in the report (bounded memory); later ones are counted. */
export const MAX_LISTED_REJECTIONS = 100_000;

/** An empty report. */
export function emptyReport(): DetectionReport {
  return {
    records: 0,
    rejected: [],
    rejected_unlisted: 0,
    matches: 0,
    sightings: 0,
    indicators_rejected: [],
    suppressed: [],
    warnings: [],
  };
}
