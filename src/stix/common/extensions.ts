/** The `extensions` property (3.2): predefined SCO extensions (3.10), extension definitions (7.3), custom extensions (11.3). */

import { checkDictionary } from '../checks/collections.js';
import { isStixId } from '../checks/identifier.js';
import { PREDEFINED_EXTENSIONS } from '../sco/extension-tables.js';
import { SCO_EXTENSION_OWNERS } from '../sco/property-names.js';
import { type Check, type Context, isRecord, jsonType, pointer } from '../validate/context.js';
import { VOCABULARIES } from '../vocab/vocabularies.js';
import { own } from './own.js';

const EXTENSION_PROPERTY = /^[a-z0-9_]{3,250}$/;
const CUSTOM_EXTENSION_NAME = /^[a-z0-9-]{3,250}$/;

function checkExtensionDefinitionInstance(
  ext: Readonly<Record<string, unknown>>,
  path: string,
  ctx: Context,
): void {
  const kind = ext.extension_type;
  if (kind === undefined) {
    ctx.error(
      'STIX_EXTENSION',
      pointer(path, 'extension_type'),
      'an extension keyed by an extension-definition id must have extension_type',
      '7.3',
    );
  } else if (typeof kind !== 'string' || !VOCABULARIES['extension-type-enum'].values.has(kind)) {
    ctx.error(
      'STIX_VOCAB_CLOSED',
      pointer(path, 'extension_type'),
      `extension_type must be one of ${[...VOCABULARIES['extension-type-enum'].values].join(', ')}`,
      '10.5',
    );
  }
  if (kind === 'property-extension') {
    for (const name in ext) {
      if (name !== 'extension_type' && !EXTENSION_PROPERTY.test(name)) {
        ctx.error(
          'STIX_CUSTOM_PROPERTY_NAME',
          pointer(path, name),
          `extension property name ${JSON.stringify(name)} must be 3-250 characters of a-z, 0-9 and _`,
          '7.3.2',
        );
      }
    }
  }
}

function checkOne(
  owner: string,
  kind: string,
  key: string,
  value: unknown,
  path: string,
  ctx: Context,
): void {
  if (!isRecord(value)) {
    ctx.error(
      'STIX_EXTENSION',
      path,
      `an extension must be a JSON object with its properties, not ${jsonType(value)}`,
      '3.2',
    );
    return;
  }
  if (Object.keys(value).length === 0) {
    ctx.error('STIX_EXTENSION', path, 'an extension must contain at least one property', '3.2');
    return;
  }
  if (key.startsWith('extension-definition--')) {
    if (!isStixId(key))
      ctx.error(
        'STIX_INVALID_IDENTIFIER',
        path,
        `extension key ${JSON.stringify(key)} is not a valid extension-definition id`,
        '2.9',
      );
    checkExtensionDefinitionInstance(value, path, ctx);
    return;
  }
  const predefinedOwner = own(SCO_EXTENSION_OWNERS, key);
  if (predefinedOwner !== undefined) {
    if (predefinedOwner !== owner) {
      ctx.error(
        'STIX_EXTENSION',
        path,
        `the predefined extension ${key} applies only to ${predefinedOwner} objects`,
        '3.10',
      );
      return;
    }
    own(PREDEFINED_EXTENSIONS, key)?.(value, path, ctx);
    return;
  }
  if (kind !== 'sco') {
    ctx.error(
      'STIX_EXTENSION',
      path,
      `extension key ${JSON.stringify(key)} must be the id of an extension-definition (custom extensions exist only on SCOs)`,
      '3.2',
    );
    return;
  }
  // 11.3.1: deprecated custom SCO extensions.
  if (!CUSTOM_EXTENSION_NAME.test(key) || !key.endsWith('-ext')) {
    ctx.error(
      'STIX_EXTENSION',
      path,
      `custom extension name ${JSON.stringify(key)} must be 3-250 characters of a-z, 0-9 and -, ending in -ext`,
      '11.3.1',
    );
  } else {
    ctx.warn(
      'STIX_DEPRECATED',
      path,
      `custom extension ${key} uses the deprecated mechanism; define it with an extension-definition instead`,
      '11.3',
    );
  }
}

/** The `extensions` dictionary of an object of the given type and kind. */
export function extensions(owner: string, kind: string): Check {
  return (value, path, ctx) => {
    const dict = checkDictionary(value, path, ctx);
    if (dict === undefined) return;
    for (const key in dict) checkOne(owner, kind, key, dict[key], pointer(path, key), ctx);
  };
}
