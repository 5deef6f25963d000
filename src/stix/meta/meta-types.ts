/** The STIX Meta Objects: 7.1 language-content, 7.2.1 marking-definition, 7.3 extension-definition. */

import { checkDictionary, list, nested } from '../checks/collections.js';
import { REF, reference } from '../checks/identifier.js';
import { languageTagProblem } from '../checks/language.js';
import { string } from '../checks/primitives.js';
import { timestamp } from '../checks/timestamp.js';
import { vocab } from '../checks/vocab.js';
import { extensions } from '../common/extensions.js';
import { own } from '../common/own.js';
import {
  coreCommon,
  objectId,
  objectMarkingRefs,
  specVersion,
  versionTimestamp,
} from '../common/properties.js';
import { externalReferences } from '../common/structured-types.js';
import { granularMarkings } from '../markings/granular-markings.js';
import { TLP_V1 } from '../markings/tlp.js';
import { type Check, isRecord, opt, pointer, req, show } from '../validate/context.js';
import type { TypeSpec } from '../validate/type-spec.js';

const { lang: _lang, ...languageContentCommon } = coreCommon('language-content', 'meta');

// 7.1.1: keys are RFC 5646 language codes; each value is a non-empty dictionary mirroring the target's properties.
const contents: Check = (value, path, ctx) => {
  const dict = checkDictionary(value, path, ctx);
  if (dict === undefined) return;
  for (const key in dict) {
    const at = pointer(path, key);
    const problem = languageTagProblem(key);
    if (problem !== undefined) ctx.error('STIX_LANGUAGE_CODE', at, `${show(key)} ${problem}`, '7.1.1');
    checkDictionary(dict[key], at, ctx);
  }
};

export const languageContent: TypeSpec = {
  type: 'language-content',
  kind: 'meta',
  section: '7.1',
  properties: {
    ...languageContentCommon,
    object_ref: req(reference(REF.anyObject, '7.1.1')),
    object_modified: opt(timestamp()),
    contents: req(contents),
  },
};

const TLP_V1_BY_LEVEL: Readonly<Record<string, (typeof TLP_V1)[keyof typeof TLP_V1]>> = TLP_V1;

export const markingDefinition: TypeSpec = {
  type: 'marking-definition',
  kind: 'meta',
  section: '7.2.1',
  properties: {
    type: req(string()),
    spec_version: req(specVersion, false),
    id: req(objectId),
    created_by_ref: opt(reference(REF.identity, '3.2')),
    created: req(versionTimestamp),
    external_references: opt(externalReferences),
    object_marking_refs: opt(objectMarkingRefs),
    granular_markings: opt(granularMarkings),
    extensions: opt(extensions('marking-definition', 'meta')),
    name: opt(string()),
    definition_type: opt(string()),
    definition: opt(checkDictionaryValue),
  },
  hook: (obj, path, ctx) => {
    if (obj.extensions === undefined) {
      for (const name of ['definition_type', 'definition'] as const) {
        if (obj[name] === undefined) {
          ctx.error(
            'STIX_MISSING_PROPERTY',
            pointer(path, name),
            `a marking-definition without extensions must have ${name}`,
            '7.2.1',
          );
        }
      }
    }
    const def = obj.definition;
    if (obj.definition_type === 'statement' && isRecord(def)) {
      nested({ statement: req(string()) }, { name: 'statement marking', section: '7.2.1.3' })(
        def,
        pointer(path, 'definition'),
        ctx,
      );
    } else if (obj.definition_type === 'tlp' && isRecord(def)) {
      const level = def.tlp;
      const official = typeof level === 'string' ? own(TLP_V1_BY_LEVEL, level) : undefined;
      if (official === undefined) {
        ctx.error(
          'STIX_TLP_DEFINITION',
          pointer(path, 'definition'),
          'a TLP definition must have tlp white, green, amber or red',
          '7.2.1.4',
        );
      } else if (
        obj.id !== official.id ||
        obj.created !== official.created ||
        Object.keys(def).length !== 1
      ) {
        ctx.error(
          'STIX_TLP_DEFINITION',
          path,
          `only the standard TLP:${String(level).toUpperCase()} definition (${official.id}, created ${official.created}) may be used`,
          '7.2.1.4',
        );
      }
    } else if (
      typeof obj.definition_type === 'string' &&
      obj.definition_type !== 'statement' &&
      obj.definition_type !== 'tlp'
    ) {
      ctx.warn(
        'STIX_VOCAB_OPEN',
        pointer(path, 'definition_type'),
        'definition_type should be statement or tlp; define new markings with an extension',
        '7.2.1',
      );
    }
    const marks = obj.object_marking_refs;
    if (Array.isArray(marks) && marks.includes(obj.id)) {
      ctx.error(
        'STIX_CIRCULAR_MARKING',
        pointer(path, 'object_marking_refs'),
        'a marking definition must not mark itself',
        '3.2',
      );
    }
  },
};

function checkDictionaryValue(value: unknown, path: string, ctx: Parameters<Check>[2]): void {
  checkDictionary(value, path, ctx);
}

export const extensionDefinition: TypeSpec = {
  type: 'extension-definition',
  kind: 'meta',
  section: '7.3',
  properties: {
    type: req(string()),
    spec_version: req(specVersion),
    id: req(objectId),
    created_by_ref: req(reference(REF.identity, '3.2')),
    created: req(versionTimestamp),
    modified: req(versionTimestamp),
    revoked: coreCommon('extension-definition', 'meta').revoked!,
    labels: coreCommon('extension-definition', 'meta').labels!,
    external_references: opt(externalReferences),
    object_marking_refs: opt(objectMarkingRefs),
    granular_markings: opt(granularMarkings),
    name: req(string()),
    description: opt(string()),
    schema: req(string()),
    version: req(string()),
    extension_types: req(list(vocab('extension-type-enum'))),
    extension_properties: opt(list(string())),
  },
  hook: (obj, path, ctx) => {
    const types = Array.isArray(obj.extension_types) ? obj.extension_types : [];
    const toplevel = types.includes('toplevel-property-extension');
    if (obj.extension_properties !== undefined && !toplevel) {
      ctx.error(
        'STIX_DEPENDENT_PROPERTY',
        pointer(path, 'extension_properties'),
        'extension_properties may only be used when extension_types includes toplevel-property-extension',
        '7.3.1',
      );
    }
    if (toplevel && obj.extension_properties === undefined) {
      ctx.warn(
        'STIX_MISSING_PROPERTY',
        pointer(path, 'extension_properties'),
        'a toplevel-property-extension should list its extension_properties',
        '7.3.1',
      );
    }
    if (obj.description === undefined)
      ctx.warn(
        'STIX_MISSING_PROPERTY',
        pointer(path, 'description'),
        'an extension definition should have a description',
        '7.3.1',
      );
  },
};
