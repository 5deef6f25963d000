/**
 * k-anonymous summaries (pure, no I/O; `accord sightings publish`): for each indicator at least k
 * organisations sighted, one summary sighting by the indicator's producer that names no one: the
 * total count, first/last seen rounded down to the UTC day, no where_sighted_refs, no
 * observed_data_refs, and the number of organisations in Accord's extension.
 */
import { uuidV5 } from '../../stix/index.js';
import { DETECT_NAMESPACE } from '../output/detect-ids.js';
import { MAX_SIGHTING_COUNT } from './sighting-aggregate.js';

/** The extension-definition of the summary's organisation count (CONTRACT.md "Detection"). */
export const SIGHTING_SUMMARY_EXTENSION_ID = 'extension-definition--3181d756-12e2-4739-91f2-b39f2cbe8184';

/** The parts of a stored sighting the summary reads (its latest version). */
export interface SightingRecord {
  readonly id: string;
  readonly sighting_of_ref: string;
  /** The sighting organisation (the sighting's producer). */
  readonly created_by_ref?: string | undefined;
  readonly count?: number | undefined;
  readonly first_seen?: string | undefined;
  readonly last_seen?: string | undefined;
  readonly summary?: boolean | undefined;
}

/** Options of `summarizeSightings`. */
export interface SummaryOptions {
  /** The organisation publishing (the indicators' producer), created_by_ref of the summaries. */
  readonly producer: string;
  /** Least number of distinct sighting organisations (default 3). */
  readonly k?: number;
  /** The version timestamp of the summaries (created/modified). */
  readonly now: string;
  /** Only indicators this returns true for are summarised (the producer's own). */
  readonly ownIndicator?: (indicatorId: string) => boolean;
  /** The id of an indicator's summary (default `summaryId`: deterministic, so anyone can name it). */
  readonly idOf?: (indicatorId: string) => string;
}

/**
 * A deterministic id of the summary of an indicator by its producer. Anyone can compute it, so a
 * node that shares a collection with others should give its own ids (`idOf`): another
 * organisation could otherwise claim this id first.
 */
export function summaryId(indicator: string, producer: string): string {
  return `sighting--${uuidV5(`summary\n${indicator}\n${producer}`, DETECT_NAMESPACE)}`;
}

const day = (ts: string): string => `${ts.slice(0, 10)}T00:00:00.000Z`;

/** The summary sightings of indicators that at least k organisations sighted. */
export function summarizeSightings(
  sightings: Iterable<SightingRecord>,
  options: SummaryOptions,
): Array<Record<string, unknown>> {
  const k = options.k ?? 3;
  const latest = new Map<string, SightingRecord>();
  for (const s of sightings) if (s.summary !== true && s.created_by_ref !== undefined) latest.set(s.id, s);
  const byIndicator = new Map<string, SightingRecord[]>();
  for (const s of latest.values()) {
    if (options.ownIndicator && !options.ownIndicator(s.sighting_of_ref)) continue;
    const list = byIndicator.get(s.sighting_of_ref);
    if (list) list.push(s);
    else byIndicator.set(s.sighting_of_ref, [s]);
  }
  const out: Array<Record<string, unknown>> = [];
  for (const [indicator, list] of byIndicator) {
    const orgs = new Set(list.map((s) => s.created_by_ref));
    if (orgs.size < k) continue;
    const firsts = list.flatMap((s) => (s.first_seen ? [s.first_seen] : [])).sort();
    const lasts = list.flatMap((s) => (s.last_seen ? [s.last_seen] : [])).sort();
    const total = list.reduce((n, s) => n + (s.count ?? 1), 0);
    const summary: Record<string, unknown> = {
      type: 'sighting',
      spec_version: '2.1',
      id: options.idOf ? options.idOf(indicator) : summaryId(indicator, options.producer),
      created_by_ref: options.producer,
      created: options.now,
      modified: options.now,
      sighting_of_ref: indicator,
      count: Math.min(total, MAX_SIGHTING_COUNT),
      summary: true,
      extensions: {
        [SIGHTING_SUMMARY_EXTENSION_ID]: { extension_type: 'property-extension', org_count: orgs.size },
      },
    };
    if (firsts[0]) summary.first_seen = day(firsts[0]);
    const last = lasts[lasts.length - 1];
    if (last) summary.last_seen = day(last);
    out.push(summary);
  }
  return out;
}
