/** Wire-shape types of the STIX Relationship Objects (spec section 5). */
import type { CoreCommonProperties, Identifier, Timestamp } from '../common/types.js';

/** 5.1 */
export interface Relationship extends CoreCommonProperties<'relationship'> {
  readonly relationship_type: string;
  readonly description?: string;
  readonly source_ref: Identifier;
  readonly target_ref: Identifier;
  readonly start_time?: Timestamp;
  readonly stop_time?: Timestamp;
}

/** 5.2 */
export interface Sighting extends CoreCommonProperties<'sighting'> {
  readonly description?: string;
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly count?: number;
  readonly sighting_of_ref: Identifier;
  readonly observed_data_refs?: readonly Identifier[];
  readonly where_sighted_refs?: readonly Identifier[];
  readonly summary?: boolean;
}

/** Any STIX Relationship Object. */
export type StixRelationshipObject = Relationship | Sighting;
