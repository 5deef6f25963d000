/** The STIX objects an export reads, indexed once: by id, relationships by source, sightings by target. */
import { timestampMicros } from '../../../stix/index.js';
import { isJsonObject } from '../json-fields.js';

type Json = Readonly<Record<string, unknown>>;

/** Objects of an export by id (the latest version of each, 3.6), with the edges export follows. */
export interface StixGraph {
  readonly byId: ReadonlyMap<string, Json>;
  /** Relationships by source_ref. */
  readonly relationshipsFrom: ReadonlyMap<string, readonly Json[]>;
  /** Sightings (by sighting_of_ref) and disagreeing opinions (by each object_refs entry). */
  readonly judgementsOf: ReadonlyMap<string, readonly Json[]>;
}

/** The object_refs of an object (report, grouping, observed-data, opinion). */
export const refsOf = (o: Json): string[] => (Array.isArray(o.object_refs) ? o.object_refs.map(String) : []);

const version = (x: Json) => timestampMicros(x.modified ?? x.created) ?? 0;

function push(map: Map<string, Json[]>, key: string, value: Json): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Indexes the objects given (anything not a STIX object with an id is ignored). */
export function stixGraph(objects: Iterable<unknown>): StixGraph {
  const byId = new Map<string, Json>();
  for (const value of objects) {
    if (!isJsonObject(value)) continue;
    const o = value;
    if (typeof o.id !== 'string') continue;
    const known = byId.get(o.id);
    if (known === undefined || version(o) > version(known)) byId.set(o.id, o);
  }
  const relationshipsFrom = new Map<string, Json[]>();
  const judgementsOf = new Map<string, Json[]>();
  for (const o of byId.values()) {
    if (o.type === 'relationship') push(relationshipsFrom, String(o.source_ref), o);
    else if (o.type === 'sighting') push(judgementsOf, String(o.sighting_of_ref), o);
    else if (o.type === 'opinion' && (o.opinion === 'strongly-disagree' || o.opinion === 'disagree'))
      for (const r of refsOf(o)) push(judgementsOf, r, o);
  }
  return { byId, relationshipsFrom, judgementsOf };
}
