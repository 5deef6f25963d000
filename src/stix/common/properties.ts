/** The common property tables of spec 3.2, per kind of object (SDO/SRO, SCO). */
import { list } from '../checks/collections.js';
import { checkIdentifierText, REF, reference } from '../checks/identifier.js';
import { languageCode } from '../checks/language.js';
import { boolean, integer, string } from '../checks/primitives.js';
import { timestamp } from '../checks/timestamp.js';
import { granularMarkings } from '../markings/granular-markings.js';
import { type Check, opt, type PropertyTable, req, show } from '../validate/context.js';
import { extensions } from './extensions.js';
import { externalReferences } from './structured-types.js';

/** Every common property name of 3.2 (a common property on a type it does not apply to is an error). */
export const COMMON_PROPERTY_NAMES: ReadonlySet<string> = new Set([
  'type',
  'spec_version',
  'id',
  'created_by_ref',
  'created',
  'modified',
  'revoked',
  'labels',
  'confidence',
  'lang',
  'external_references',
  'object_marking_refs',
  'granular_markings',
  'defanged',
  'extensions',
]);

/** spec_version (3.2): "2.1" for this specification; "2.0" is accepted as STIX 2.0 content. */
export const specVersion: Check = (value, path, ctx) => {
  if (value !== '2.1' && value !== '2.0') {
    ctx.error(
      'STIX_SPEC_VERSION',
      path,
      `spec_version must be "2.1" for STIX 2.1 objects, not ${show(value)}`,
      '3.2',
    );
  }
};

/** id (3.2, 2.9): an identifier; the engine checks that its type part is the object's type. */
export const objectId: Check = (value, path, ctx) => {
  checkIdentifierText(value, path, ctx);
};

/** The versioning timestamps: at least millisecond precision (3.2). */
export const versionTimestamp: Check = timestamp('millisecond', '3.2');

/** object_marking_refs (3.2): marking-definition references. */
export const objectMarkingRefs: Check = list(reference(REF.markingDefinition, '3.2'));

/** Common properties of SDOs and SROs (3.2, SDO and SRO columns). */
export function coreCommon(type: string, kind: 'sdo' | 'sro' | 'sco' | 'meta'): PropertyTable {
  return {
    type: req(string()),
    spec_version: req(specVersion, false),
    id: req(objectId),
    created_by_ref: opt(reference(REF.identity, '3.2')),
    created: req(versionTimestamp),
    modified: req(versionTimestamp),
    revoked: opt(boolean()),
    labels: opt(list(string())),
    confidence: opt(integer({ min: 0, max: 100, section: '3.2' })),
    lang: opt(languageCode('3.2')),
    external_references: opt(externalReferences),
    object_marking_refs: opt(objectMarkingRefs),
    granular_markings: opt(granularMarkings),
    extensions: opt(extensions(type, kind)),
  };
}

/** Common properties of SCOs (3.2, SCO column). */
export function scoCommon(type: string): PropertyTable {
  return {
    type: req(string()),
    spec_version: opt(specVersion),
    id: req(objectId),
    object_marking_refs: opt(objectMarkingRefs),
    granular_markings: opt(granularMarkings),
    defanged: opt(boolean()),
    extensions: opt(extensions(type, 'sco')),
  };
}
