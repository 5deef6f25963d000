/** The bundle (spec section 8): a transport envelope, validated apart from the objects it carries. */
import { checkCustomProperty } from '../checks/custom-names.js';
import { checkIdentifierText } from '../checks/identifier.js';
import { Context, isRecord, jsonType, pointer } from '../validate/context.js';
import type { Issue, ValidateOptions } from '../validate/issue.js';

/** The spec version a bundle declares for objects without their own spec_version ("2.0" bundles of STIX 2.0). */
export function bundleSpecVersion(envelope: Readonly<Record<string, unknown>>): '2.0' | '2.1' {
  return envelope.spec_version === '2.0' ? '2.0' : '2.1';
}

/**
 * Issues of a bundle's own properties (`objects` itself is checked by the caller, which may be
 * streaming it). 8.1: type "bundle", an id `bundle--UUID`; a STIX 2.0 bundle also carries spec_version.
 */
export function bundleIssues(
  envelope: Readonly<Record<string, unknown>>,
  options: ValidateOptions = {},
): readonly Issue[] {
  const path = options.basePath ?? '';
  const ctx = new Context(bundleSpecVersion(envelope), options, envelope);
  if (envelope.type !== 'bundle')
    ctx.error('STIX_BUNDLE', pointer(path, 'type'), 'a bundle must have type "bundle"', '8.1');
  if (envelope.id === undefined) {
    ctx.error('STIX_MISSING_PROPERTY', pointer(path, 'id'), 'a bundle requires the property "id"', '8.1');
  } else {
    const type = checkIdentifierText(envelope.id, pointer(path, 'id'), ctx);
    if (type !== undefined && type !== 'bundle') {
      ctx.error(
        'STIX_ID_TYPE_MISMATCH',
        pointer(path, 'id'),
        `a bundle id must start with "bundle--", not "${type}--"`,
        '8.1',
      );
    }
  }
  const version = envelope.spec_version;
  if (version === '2.0') {
    ctx.warn(
      'STIX_VERSION_20',
      pointer(path, 'spec_version'),
      'STIX 2.0 bundle: objects without spec_version are checked with the rules STIX 2.0 and 2.1 share',
      '8',
    );
  } else if (version !== undefined) {
    ctx.warn(
      'STIX_BUNDLE',
      pointer(path, 'spec_version'),
      'STIX 2.1 bundles have no spec_version (only STIX 2.0 bundles do)',
      '8',
    );
  }
  for (const name in envelope) {
    if (name !== 'type' && name !== 'id' && name !== 'spec_version' && name !== 'objects') {
      // 8: other implementations SHOULD NOT be assumed to keep custom properties of a bundle.
      checkCustomProperty(name, envelope[name], pointer(path, name), ctx);
    }
  }
  return ctx.issues;
}

/** Issues of the `objects` value itself (8.1: a non-empty list). */
export function bundleObjectsIssues(objects: unknown, path: string): readonly Issue[] {
  if (objects === undefined) return [];
  const at = pointer(path, 'objects');
  if (!Array.isArray(objects)) {
    return [
      {
        code: 'STIX_WRONG_TYPE',
        severity: 'error',
        path: at,
        message: `objects must be a list, not ${jsonType(objects)}`,
        section: '8.1',
      },
    ];
  }
  if (objects.length === 0) {
    return [
      {
        code: 'STIX_EMPTY_LIST',
        severity: 'error',
        path: at,
        message: 'objects must not be an empty list; omit it instead',
        section: '2.12',
      },
    ];
  }
  return [];
}

/** True when the value is a bundle envelope (a JSON object with type "bundle"). */
export function isBundle(value: unknown): value is Readonly<Record<string, unknown>> {
  return isRecord(value) && value.type === 'bundle';
}
