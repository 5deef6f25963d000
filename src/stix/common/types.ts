/** Wire-shape types of the STIX 2.1 common data types (spec section 2) and common properties (3.2). */

/** A STIX identifier `type--UUID` (spec 2.9). */
export type Identifier = string;
/** A STIX timestamp `YYYY-MM-DDTHH:mm:ss[.s+]Z` (spec 2.16). */
export type Timestamp = string;
/** A hashes dictionary: algorithm name → hash value (spec 2.7). */
export type Hashes = Readonly<Record<string, string>>;
/** A dictionary of arbitrary values (spec 2.3). */
export type Dictionary = Readonly<Record<string, unknown>>;

/** An external reference (spec 2.5). */
export interface ExternalReference {
  readonly source_name: string;
  readonly description?: string;
  readonly url?: string;
  readonly hashes?: Hashes;
  readonly external_id?: string;
}

/** A kill chain phase (spec 2.11). */
export interface KillChainPhase {
  readonly kill_chain_name: string;
  readonly phase_name: string;
}

/** A granular marking (spec 7.2.3): exactly one of `marking_ref` or `lang`. */
export interface GranularMarking {
  readonly selectors: readonly string[];
  readonly marking_ref?: Identifier;
  readonly lang?: string;
}

/** The content of one extension instance (spec 3.2 `extensions`, 7.3). */
export interface ExtensionInstance {
  readonly extension_type?:
    | 'new-sdo'
    | 'new-sco'
    | 'new-sro'
    | 'property-extension'
    | 'toplevel-property-extension';
  readonly [property: string]: unknown;
}

/** The `extensions` dictionary (spec 3.2). */
export type Extensions = Readonly<Record<string, ExtensionInstance>>;

/** Common properties of SDOs and SROs (spec 3.2). */
export interface CoreCommonProperties<T extends string> {
  readonly type: T;
  readonly spec_version: '2.1';
  readonly id: Identifier;
  readonly created_by_ref?: Identifier;
  readonly created: Timestamp;
  readonly modified: Timestamp;
  readonly revoked?: boolean;
  readonly labels?: readonly string[];
  readonly confidence?: number;
  readonly lang?: string;
  readonly external_references?: readonly ExternalReference[];
  readonly object_marking_refs?: readonly Identifier[];
  readonly granular_markings?: readonly GranularMarking[];
  readonly extensions?: Extensions;
}

/** Common properties of SCOs (spec 3.2, SCO column). */
export interface ScoCommonProperties<T extends string> {
  readonly type: T;
  readonly spec_version?: '2.1';
  readonly id: Identifier;
  readonly object_marking_refs?: readonly Identifier[];
  readonly granular_markings?: readonly GranularMarking[];
  readonly defanged?: boolean;
  readonly extensions?: Extensions;
}
