/** Wire-shape types of the STIX Meta Objects (spec section 7) and the bundle (section 8). */
import type {
  Extensions,
  ExternalReference,
  GranularMarking,
  Identifier,
  Timestamp,
} from '../common/types.js';

/** Language content (spec 7.1). */
export interface LanguageContent {
  readonly type: 'language-content';
  readonly spec_version: '2.1';
  readonly id: Identifier;
  readonly created_by_ref?: Identifier;
  readonly created: Timestamp;
  readonly modified: Timestamp;
  readonly revoked?: boolean;
  readonly labels?: readonly string[];
  readonly confidence?: number;
  readonly external_references?: readonly ExternalReference[];
  readonly object_marking_refs?: readonly Identifier[];
  readonly granular_markings?: readonly GranularMarking[];
  readonly extensions?: Extensions;
  readonly object_ref: Identifier;
  readonly object_modified?: Timestamp;
  readonly contents: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** A statement marking (spec 7.2.1.3). */
export interface StatementMarking {
  readonly statement: string;
}

/** A TLP 1.0 marking (spec 7.2.1.4). */
export interface TlpMarking {
  readonly tlp: 'white' | 'green' | 'amber' | 'red';
}

/** Common shape of a marking definition (spec 7.2.1). */
interface MarkingDefinitionBase {
  readonly type: 'marking-definition';
  readonly spec_version: '2.1';
  readonly id: Identifier;
  readonly created_by_ref?: Identifier;
  readonly created: Timestamp;
  readonly external_references?: readonly ExternalReference[];
  readonly object_marking_refs?: readonly Identifier[];
  readonly granular_markings?: readonly GranularMarking[];
  readonly name?: string;
}

/** A marking definition (spec 7.2.1): TLP 1.0 / statement via `definition`, or an extension (e.g. TLP 2.0). */
export type MarkingDefinition =
  | (MarkingDefinitionBase & {
      readonly definition_type: 'statement';
      readonly definition: StatementMarking;
      readonly extensions?: Extensions;
    })
  | (MarkingDefinitionBase & {
      readonly definition_type: 'tlp';
      readonly definition: TlpMarking;
      readonly extensions?: Extensions;
    })
  | (MarkingDefinitionBase & {
      readonly definition_type?: string;
      readonly definition?: Readonly<Record<string, unknown>>;
      readonly extensions: Extensions;
    });

/** An extension definition (spec 7.3). */
export interface ExtensionDefinition {
  readonly type: 'extension-definition';
  readonly spec_version: '2.1';
  readonly id: Identifier;
  readonly created_by_ref: Identifier;
  readonly created: Timestamp;
  readonly modified: Timestamp;
  readonly revoked?: boolean;
  readonly labels?: readonly string[];
  readonly external_references?: readonly ExternalReference[];
  readonly object_marking_refs?: readonly Identifier[];
  readonly granular_markings?: readonly GranularMarking[];
  readonly name: string;
  readonly description?: string;
  readonly schema: string;
  readonly version: string;
  readonly extension_types: readonly (
    | 'new-sdo'
    | 'new-sco'
    | 'new-sro'
    | 'property-extension'
    | 'toplevel-property-extension'
  )[];
  readonly extension_properties?: readonly string[];
}

/** A bundle (spec 8): a transport wrapper, not a STIX object. */
export interface Bundle {
  readonly type: 'bundle';
  readonly id: Identifier;
  readonly objects?: readonly Readonly<Record<string, unknown>>[];
}
