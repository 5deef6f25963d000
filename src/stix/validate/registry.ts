/** The explicit registries of spec-defined object types (STYLE.md: no registration by import side effect). */
import { extensionDefinition, languageContent, markingDefinition } from '../meta/meta-types.js';
import {
  artifact,
  directory,
  file,
  mutex,
  process,
  software,
  userAccount,
  windowsRegistryKey,
  x509Certificate,
} from '../sco/host-types.js';
import {
  autonomousSystem,
  domainName,
  emailAddr,
  emailMessage,
  ipv4Addr,
  ipv6Addr,
  macAddr,
  networkTraffic,
  url,
} from '../sco/network-types.js';
import { indicator, malwareAnalysis, observedData } from '../sdo/analysis-types.js';
import { grouping, note, opinion, report } from '../sdo/container-types.js';
import { courseOfAction, identity, incident, location } from '../sdo/context-types.js';
import {
  attackPattern,
  campaign,
  infrastructure,
  intrusionSet,
  malware,
  threatActor,
  tool,
  vulnerability,
} from '../sdo/threat-types.js';
import { relationship, sighting } from '../sro/relationship-types.js';
import { type CompiledTable, compileTable } from './context.js';
import type { TypeSpec } from './type-spec.js';

/** The 19 SDO types of section 4 and their specs. */
export const SDO_TYPES = {
  'attack-pattern': attackPattern,
  campaign,
  'course-of-action': courseOfAction,
  grouping,
  identity,
  incident,
  indicator,
  infrastructure,
  'intrusion-set': intrusionSet,
  location,
  malware,
  'malware-analysis': malwareAnalysis,
  note,
  'observed-data': observedData,
  opinion,
  report,
  'threat-actor': threatActor,
  tool,
  vulnerability,
} as const satisfies Record<string, TypeSpec>;

/** The 2 SRO types of section 5. */
export const SRO_TYPES = { relationship, sighting } as const satisfies Record<string, TypeSpec>;

/** The 18 SCO types of section 6. */
export const SCO_TYPES = {
  artifact,
  'autonomous-system': autonomousSystem,
  directory,
  'domain-name': domainName,
  'email-addr': emailAddr,
  'email-message': emailMessage,
  file,
  'ipv4-addr': ipv4Addr,
  'ipv6-addr': ipv6Addr,
  'mac-addr': macAddr,
  mutex,
  'network-traffic': networkTraffic,
  process,
  software,
  url,
  'user-account': userAccount,
  'windows-registry-key': windowsRegistryKey,
  'x509-certificate': x509Certificate,
} as const satisfies Record<string, TypeSpec>;

/** The meta object types of section 7. */
export const META_TYPES = {
  'language-content': languageContent,
  'marking-definition': markingDefinition,
  'extension-definition': extensionDefinition,
} as const satisfies Record<string, TypeSpec>;

/** Every spec-defined object type → its spec. */
export const TYPE_SPECS: Readonly<Record<string, TypeSpec>> = {
  ...SDO_TYPES,
  ...SRO_TYPES,
  ...SCO_TYPES,
  ...META_TYPES,
};

/** Every spec-defined type → its spec and compiled property table (built once, never changed). */
export const TYPE_INDEX: ReadonlyMap<string, { readonly spec: TypeSpec; readonly table: CompiledTable }> =
  new Map(
    Object.entries(TYPE_SPECS).map(([type, spec]) => [type, { spec, table: compileTable(spec.properties) }]),
  );
