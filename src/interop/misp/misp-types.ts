/**
 * MISP event content as the converter reads it: the fields of MISP's event JSON (what MISP's
 * REST API, its feeds and PyMISP's `to_json` write) that carry meaning for STIX, checked and
 * normalised (numbers as numbers, flags as booleans) by read-event.ts.
 */

/** A MISP tag (`tlp:amber`, `misp-galaxy:threat-actor="APT32"`, free text). */
export interface MispTag {
  readonly name: string;
}

/** An organisation as events name them (`Orgc`, a sighting's `Organisation`). */
export interface MispOrg {
  readonly name: string;
  readonly uuid?: string;
}

/** One cluster of a galaxy (a technique, an actor, a malware family). */
export interface MispCluster {
  readonly uuid: string;
  readonly value: string;
  readonly description?: string;
  /** Galaxy meta: `synonyms`, `external_id`, `refs`, `kill_chain`, … (strings or string lists). */
  readonly meta: Readonly<Record<string, unknown>>;
}

/** A galaxy with the clusters an event or attribute uses. */
export interface MispGalaxy {
  readonly uuid?: string;
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  readonly clusters: readonly MispCluster[];
}

/** A sighting: 0 sighting, 1 false positive, 2 expiration (MISP's own numbering). */
export interface MispSighting {
  readonly uuid?: string;
  readonly type: 0 | 1 | 2;
  /** Epoch seconds. */
  readonly date: number;
  readonly source?: string;
  readonly org?: MispOrg;
}

/** One attribute, standalone or inside a MISP object. */
export interface MispAttribute {
  readonly uuid: string;
  readonly type: string;
  readonly category: string;
  readonly value: string;
  readonly toIds: boolean;
  /** Epoch seconds of the attribute's last change. */
  readonly timestamp: number;
  readonly comment?: string;
  /** 0-5 (5: inherit from the event or object). */
  readonly distribution?: number;
  /** Base64 content of attachment and malware-sample attributes. */
  readonly data?: string;
  readonly objectRelation?: string;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  readonly tags: readonly MispTag[];
  readonly galaxies: readonly MispGalaxy[];
  readonly sightings: readonly MispSighting[];
  /** JSON pointer of the attribute in the input document. */
  readonly path: string;
}

/** A reference from a MISP object to another object or attribute of the event. */
export interface MispObjectReference {
  readonly referencedUuid: string;
  readonly relationshipType: string;
}

/** A MISP object: attributes grouped by a template (`file`, `domain-ip`, `email`, …). */
export interface MispObject {
  readonly uuid: string;
  readonly name: string;
  readonly metaCategory: string;
  readonly timestamp: number;
  readonly comment?: string;
  readonly distribution?: number;
  readonly attributes: readonly MispAttribute[];
  readonly references: readonly MispObjectReference[];
  readonly path: string;
}

/** A MISP event. */
export interface MispEvent {
  readonly uuid: string;
  readonly info: string;
  /** `date` (YYYY-MM-DD), when valid. */
  readonly date?: string;
  /** Epoch seconds of the event's last change. */
  readonly timestamp: number;
  readonly published: boolean;
  /** Epoch seconds; present when the event is published. */
  readonly publishTimestamp?: number;
  /** 0 your organisation, 1 this community, 2 connected communities, 3 all, 4 sharing group. */
  readonly distribution?: number;
  readonly threatLevelId?: number;
  readonly analysis?: number;
  readonly orgc?: MispOrg;
  readonly attributes: readonly MispAttribute[];
  readonly objects: readonly MispObject[];
  readonly galaxies: readonly MispGalaxy[];
  readonly tags: readonly MispTag[];
  /** JSON pointer of the event (the `Event` member) in the input document. */
  readonly path: string;
}
