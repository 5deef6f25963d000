/**
 * Deterministic identifiers of what detection writes, so that running twice over the same input
 * gives the same ids: UUIDv5 (RFC 4122 4.3) in Accord's detection namespace for observed-data (over
 * the event's format, header and line), sightings (over indicator, reporting identity and UTC day)
 * and SCOs without ID Contributing Properties (process); other SCOs as spec 2.9.
 */
import { uuidV5 } from '../../stix/index.js';

/** The UUIDv5 namespace of Accord's detection ids (fixed forever: ids depend on it). */
export const DETECT_NAMESPACE = '96eadf8b-b58b-4bc9-8e5d-417f84565ff5';

/** The identity of "this sensor": `where_sighted_refs` when no `--identity` is given. */
export const DEFAULT_SENSOR_IDENTITY = `identity--${uuidV5('accord detect sensor', DETECT_NAMESPACE)}`;

/** The observed-data id of one log line: format, the header it was read under, and its text. */
export function observedDataId(format: string, context: string, line: string): string {
  return `observed-data--${uuidV5(`${format}\n${context}\n${line}`, DETECT_NAMESPACE)}`;
}

/** The sighting id of (indicator, reporting identity, UTC day). */
export function sightingId(indicator: string, identity: string, day: string): string {
  return `sighting--${uuidV5(`${indicator}\n${identity}\n${day}`, DETECT_NAMESPACE)}`;
}

/**
 * The id of an SCO that has no ID Contributing Properties (process): 2.9 asks for a UUIDv4 there,
 * so the id has a version-4 form, its bits taken from the SHA-1 of its place in one observed-data
 * rather than from chance, so that re-reading a line gives the same id.
 */
export function contextualScoId(type: string, observedData: string, index: number): string {
  const u = uuidV5(`${observedData}\n${index}`, DETECT_NAMESPACE);
  return `${type}--${u.slice(0, 14)}4${u.slice(15)}`;
}
