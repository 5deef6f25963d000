/**
 * Identifiers and times of the STIX made from MISP. misp-stix uses MISP's own uuids as STIX
 * uuids (`indicator--<attribute uuid>`, `report--<event uuid>`, `attack-pattern--<cluster
 * uuid>`), and so does Accord: the same event gives the same ids every time. Where MISP has no
 * uuid (a relationship, an SCO without ID Contributing Properties) or its uuid is not an RFC 4122
 * UUID, the id is a UUIDv5 in MISP_NAMESPACE over a name that says what the object is.
 */
import { formatMicros, microsFromMillis, uuidV5 } from '../../stix/index.js';

/** The UUIDv5 namespace of ids Accord derives from MISP content (docs/guides/interop.md). */
export const MISP_NAMESPACE = '634d7b6e-b465-4509-a63e-fbdf02929409';

// RFC 4122: version 1-5, variant 10x (what STIX 2.9 identifiers require).
const RFC4122 = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The STIX id of `type` for a MISP uuid: the uuid itself (misp-stix), or a UUIDv5 of it when it is not RFC 4122. */
export function stixId(type: string, mispUuid: string): string {
  return `${type}--${RFC4122.test(mispUuid) ? mispUuid : uuidV5(`misp:${mispUuid}`, MISP_NAMESPACE)}`;
}

/** The MISP uuid a STIX id made by stixId carries (undefined for derived ids). */
export function mispUuidOf(id: string): string | undefined {
  const uuid = id.slice(id.indexOf('--') + 2);
  return RFC4122.test(uuid) ? uuid : undefined;
}

/** A stable id for a relationship: UUIDv5 over source, type and target. */
export function relationshipId(source: string, type: string, target: string): string {
  return `relationship--${uuidV5(`relationship:${source}|${type}|${target}`, MISP_NAMESPACE)}`;
}

/** A STIX timestamp (millisecond precision, 3.2) of epoch seconds. */
export function epochToStix(seconds: number): string {
  return formatMicros(microsFromMillis(seconds * 1000), 3);
}
