/** The MISP event JSON Accord writes: the shape MISP's REST API and PyMISP's MISPEvent load. */

/** A tag (`tlp:amber`, `misp-galaxy:mitre-attack-pattern="Phishing - T1566"`). */
export interface MispTagJson {
  readonly name: string;
}

/** A galaxy with its clusters, as MISP writes them in events. */
export interface MispGalaxyJson {
  readonly uuid?: string;
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  readonly namespace: string;
  readonly GalaxyCluster: readonly {
    readonly uuid: string;
    readonly type: string;
    readonly value: string;
    readonly tag_name: string;
    readonly description: string;
    readonly meta: Readonly<Record<string, string | readonly string[]>>;
  }[];
}

/** A sighting: type "0" sighting, "1" false positive. */
export interface MispSightingJson {
  readonly uuid: string;
  readonly type: '0' | '1';
  readonly date_sighting: string;
  readonly source?: string;
  readonly Organisation?: { readonly name: string; readonly uuid: string };
}

/** An attribute. */
export interface MispAttributeJson {
  readonly uuid: string;
  readonly type: string;
  readonly category: string;
  readonly value: string;
  readonly to_ids: boolean;
  readonly timestamp: string;
  readonly distribution: string;
  readonly comment?: string;
  readonly object_relation?: string;
  readonly data?: string;
  readonly Tag?: readonly MispTagJson[];
  readonly Galaxy?: readonly MispGalaxyJson[];
  readonly Sighting?: readonly MispSightingJson[];
}

/** A reference from a MISP object to another object or attribute. */
export interface MispObjectReferenceJson {
  readonly uuid: string;
  readonly object_uuid: string;
  readonly referenced_uuid: string;
  readonly relationship_type: string;
}

/** A MISP object. */
export interface MispObjectJson {
  readonly uuid: string;
  readonly name: string;
  readonly 'meta-category': string;
  readonly timestamp: string;
  readonly distribution: string;
  readonly comment?: string;
  readonly Attribute: readonly MispAttributeJson[];
  readonly ObjectReference: readonly MispObjectReferenceJson[];
}

/** One event, wrapped as MISP exports it (`{"Event": …}`). */
export interface MispEventJson {
  readonly Event: {
    readonly uuid: string;
    readonly info: string;
    readonly date: string;
    readonly timestamp: string;
    readonly published: boolean;
    readonly publish_timestamp?: string;
    readonly distribution: string;
    readonly threat_level_id: string;
    readonly analysis: string;
    readonly Orgc?: { readonly name: string; readonly uuid: string };
    readonly Attribute: readonly MispAttributeJson[];
    readonly Object: readonly MispObjectJson[];
    readonly Galaxy: readonly MispGalaxyJson[];
    readonly Tag: readonly MispTagJson[];
  };
}
