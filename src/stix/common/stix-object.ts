/** The union of every spec-defined STIX object type (sections 4–7). */
import type { ExtensionDefinition, LanguageContent, MarkingDefinition } from '../meta/types.js';
import type { StixCyberObservableObject } from '../sco/types.js';
import type { StixDomainObject } from '../sdo/types.js';
import type { StixRelationshipObject } from '../sro/types.js';

/** Any spec-defined STIX object, discriminated on `type`. */
export type StixObject =
  | StixDomainObject
  | StixRelationshipObject
  | StixCyberObservableObject
  | LanguageContent
  | MarkingDefinition
  | ExtensionDefinition;
