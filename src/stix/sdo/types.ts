/** Wire-shape types of the 19 STIX Domain Objects (spec section 4), discriminated on `type`. */
import type { CoreCommonProperties, Identifier, KillChainPhase, Timestamp } from '../common/types.js';

type Strings = readonly string[];

/** 4.1 */
export interface AttackPattern extends CoreCommonProperties<'attack-pattern'> {
  readonly name: string;
  readonly description?: string;
  readonly aliases?: Strings;
  readonly kill_chain_phases?: readonly KillChainPhase[];
}

/** 4.2 */
export interface Campaign extends CoreCommonProperties<'campaign'> {
  readonly name: string;
  readonly description?: string;
  readonly aliases?: Strings;
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly objective?: string;
}

/** 4.3 */
export interface CourseOfAction extends CoreCommonProperties<'course-of-action'> {
  readonly name: string;
  readonly description?: string;
}

/** 4.4 */
export interface Grouping extends CoreCommonProperties<'grouping'> {
  readonly name: string;
  readonly description?: string;
  readonly context: string;
  readonly object_refs: readonly Identifier[];
}

/** 4.5 */
export interface Identity extends CoreCommonProperties<'identity'> {
  readonly name: string;
  readonly description?: string;
  readonly roles?: Strings;
  readonly identity_class?: string;
  readonly sectors?: Strings;
  readonly contact_information?: string;
}

/** 4.6 */
export interface Incident extends CoreCommonProperties<'incident'> {
  readonly name: string;
  readonly description?: string;
}

/** 4.7 */
export interface Indicator extends CoreCommonProperties<'indicator'> {
  readonly name?: string;
  readonly description?: string;
  readonly indicator_types?: Strings;
  readonly pattern: string;
  readonly pattern_type: string;
  readonly pattern_version?: string;
  readonly valid_from: Timestamp;
  readonly valid_until?: Timestamp;
  readonly kill_chain_phases?: readonly KillChainPhase[];
}

/** 4.8 */
export interface Infrastructure extends CoreCommonProperties<'infrastructure'> {
  readonly name: string;
  readonly description?: string;
  readonly infrastructure_types?: Strings;
  readonly aliases?: Strings;
  readonly kill_chain_phases?: readonly KillChainPhase[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
}

/** 4.9 */
export interface IntrusionSet extends CoreCommonProperties<'intrusion-set'> {
  readonly name: string;
  readonly description?: string;
  readonly aliases?: Strings;
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly goals?: Strings;
  readonly resource_level?: string;
  readonly primary_motivation?: string;
  readonly secondary_motivations?: Strings;
}

/** 4.10 */
export interface Location extends CoreCommonProperties<'location'> {
  readonly name?: string;
  readonly description?: string;
  readonly latitude?: number;
  readonly longitude?: number;
  readonly precision?: number;
  readonly region?: string;
  readonly country?: string;
  readonly administrative_area?: string;
  readonly city?: string;
  readonly street_address?: string;
  readonly postal_code?: string;
}

/** 4.11 */
export interface Malware extends CoreCommonProperties<'malware'> {
  readonly name?: string;
  readonly description?: string;
  readonly malware_types?: Strings;
  readonly is_family?: boolean;
  readonly aliases?: Strings;
  readonly kill_chain_phases?: readonly KillChainPhase[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly operating_system_refs?: readonly Identifier[];
  readonly architecture_execution_envs?: Strings;
  readonly implementation_languages?: Strings;
  readonly capabilities?: Strings;
  readonly sample_refs?: readonly Identifier[];
}

/** 4.12 */
export interface MalwareAnalysis extends CoreCommonProperties<'malware-analysis'> {
  readonly product: string;
  readonly version?: string;
  readonly host_vm_ref?: Identifier;
  readonly operating_system_ref?: Identifier;
  readonly installed_software_refs?: readonly Identifier[];
  readonly configuration_version?: string;
  readonly modules?: Strings;
  readonly analysis_engine_version?: string;
  readonly analysis_definition_version?: string;
  readonly submitted?: Timestamp;
  readonly analysis_started?: Timestamp;
  readonly analysis_ended?: Timestamp;
  readonly result_name?: string;
  readonly result?: string;
  readonly analysis_sco_refs?: readonly Identifier[];
  readonly sample_ref?: Identifier;
}

/** 4.13 */
export interface Note extends CoreCommonProperties<'note'> {
  readonly abstract?: string;
  readonly content: string;
  readonly authors?: Strings;
  readonly object_refs: readonly Identifier[];
}

/** 4.14 (`objects` is the deprecated observable container of 2.13). */
export interface ObservedData extends CoreCommonProperties<'observed-data'> {
  readonly first_observed: Timestamp;
  readonly last_observed: Timestamp;
  readonly number_observed: number;
  readonly objects?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly object_refs?: readonly Identifier[];
}

/** 4.15 */
export interface Opinion extends CoreCommonProperties<'opinion'> {
  readonly explanation?: string;
  readonly authors?: Strings;
  readonly opinion: 'strongly-disagree' | 'disagree' | 'neutral' | 'agree' | 'strongly-agree';
  readonly object_refs: readonly Identifier[];
}

/** 4.16 */
export interface Report extends CoreCommonProperties<'report'> {
  readonly name: string;
  readonly description?: string;
  readonly report_types?: Strings;
  readonly published: Timestamp;
  readonly object_refs: readonly Identifier[];
}

/** 4.17 */
export interface ThreatActor extends CoreCommonProperties<'threat-actor'> {
  readonly name: string;
  readonly description?: string;
  readonly threat_actor_types?: Strings;
  readonly aliases?: Strings;
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly roles?: Strings;
  readonly goals?: Strings;
  readonly sophistication?: string;
  readonly resource_level?: string;
  readonly primary_motivation?: string;
  readonly secondary_motivations?: Strings;
  readonly personal_motivations?: Strings;
}

/** 4.18 */
export interface Tool extends CoreCommonProperties<'tool'> {
  readonly name: string;
  readonly description?: string;
  readonly tool_types?: Strings;
  readonly aliases?: Strings;
  readonly kill_chain_phases?: readonly KillChainPhase[];
  readonly tool_version?: string;
}

/** 4.19 */
export interface Vulnerability extends CoreCommonProperties<'vulnerability'> {
  readonly name: string;
  readonly description?: string;
}

/** Any STIX Domain Object. */
export type StixDomainObject =
  | AttackPattern
  | Campaign
  | CourseOfAction
  | Grouping
  | Identity
  | Incident
  | Indicator
  | Infrastructure
  | IntrusionSet
  | Location
  | Malware
  | MalwareAnalysis
  | Note
  | ObservedData
  | Opinion
  | Report
  | ThreatActor
  | Tool
  | Vulnerability;
