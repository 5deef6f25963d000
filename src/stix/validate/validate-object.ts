/** Validation of one STIX object against its type's property table, common rules and hook. */

import { checkTable, type UnknownPropertyHandler } from '../checks/collections.js';
import { checkUnknownProperty, hasToplevelExtension } from '../checks/custom-names.js';
import { identifierType } from '../checks/identifier.js';
import { COMMON_PROPERTY_NAMES } from '../common/properties.js';
import type { ValidatedObject } from '../common/stix-object.js';
import { kindOf } from '../common/type-names.js';
import { idContributingObject } from '../id/deterministic-id.js';
import { DEFAULT_INPUT_LIMITS } from '../limits/input-limits.js';
import { objectLimitIssue } from '../limits/object-limits.js';
import { compareTimestamps } from '../time/parse-timestamp.js';
import { Context, isRecord, jsonType, pointer } from './context.js';
import { validateCustomObject } from './custom-object.js';
import type { Issue, ValidateOptions, ValidationResult } from './issue.js';
import { TYPE_INDEX } from './registry.js';

// 3.1 / 7.3.2 / 11.2.1: type names are 3–250 chars of a-z, 0-9 and '-', start with a letter, no '--'.
const TYPE_NAME = /^[a-z][a-z0-9-]{2,249}$/;

/** Checks every rule that holds for all object kinds: id matches type, created <= modified, revoked. */
function commonRules(obj: Readonly<Record<string, unknown>>, type: string, path: string, ctx: Context): void {
  const idType = typeof obj.id === 'string' ? identifierType(obj.id) : undefined;
  if (idType !== undefined && idType !== type) {
    ctx.error(
      'STIX_ID_TYPE_MISMATCH',
      pointer(path, 'id'),
      `the id must start with "${type}--", not "${idType}--"`,
      '2.9',
    );
  }
  // Equal texts are the same instant: nothing to compare (most objects are never modified).
  if (typeof obj.created === 'string' && typeof obj.modified === 'string' && obj.created !== obj.modified) {
    const order = compareTimestamps(obj.created, obj.modified);
    if (order !== undefined && order > 0) {
      ctx.error(
        'STIX_MODIFIED_BEFORE_CREATED',
        pointer(path, 'modified'),
        `modified (${obj.modified}) must not be earlier than created (${obj.created})`,
        '3.6.1',
      );
    }
  }
  if (typeof obj.id === 'string' && idType === type) uuidVersionRules(obj, obj.id, type, path, ctx);
  if (obj.revoked === true)
    ctx.warn(
      'STIX_REVOKED',
      pointer(path, 'revoked'),
      'the object is revoked: its creator no longer considers it valid',
      '3.6',
    );
}

/**
 * 2.9: an SCO none of whose ID Contributing Properties is present (e.g. any process) MUST use a
 * UUIDv4; other SCOs SHOULD use the UUIDv5 of their contributing properties; SDOs, SROs and
 * meta objects SHOULD use a UUIDv4.
 */
function uuidVersionRules(
  obj: Readonly<Record<string, unknown>>,
  id: string,
  type: string,
  path: string,
  ctx: Context,
): void {
  const kind = kindOf(type);
  if (kind === undefined) return;
  const version = id.charAt(id.length - 22);
  if (kind !== 'sco') {
    if (version !== '4')
      ctx.warn(
        'STIX_ID_UUID_VERSION',
        pointer(path, 'id'),
        `a ${type} id should use a UUIDv4, not a UUIDv${version}`,
        '2.9',
      );
  } else if (idContributingObject(obj) === undefined) {
    if (version !== '4')
      ctx.error(
        'STIX_INVALID_IDENTIFIER',
        pointer(path, 'id'),
        `this ${type} has none of its ID Contributing Properties, so its id must use a UUIDv4`,
        '2.9',
      );
  } else if (version !== '5') {
    ctx.warn(
      'STIX_ID_UUID_VERSION',
      pointer(path, 'id'),
      `an SCO id should be the UUIDv5 of its ID Contributing Properties (a deterministic id), not a UUIDv${version}`,
      '2.9',
    );
  }
}

/**
 * A top-level property the type's table does not define: a common property that does not apply
 * to this type (3.2, error), or a custom property (naming rules; without x_ or a declared
 * toplevel-property-extension, a warning).
 */
const unknownTopLevel: UnknownPropertyHandler = (name, value, path, ctx) => {
  if (COMMON_PROPERTY_NAMES.has(name)) {
    ctx.error(
      'STIX_PROPERTY_NOT_APPLICABLE',
      path,
      `${name} is not a property of ${String(ctx.root.type)} objects`,
      '3.2',
    );
    return;
  }
  const before = ctx.issues.length;
  checkUnknownProperty(name, value, path, ctx);
  // A name checkUnknownProperty refused (reserved, malformed) gets no advice on top.
  if (ctx.issues.length > before || hasToplevelExtension(ctx.root)) return;
  // STIX 2.0 had no extension mechanism to prefer: x_ properties were the way (2.0 part 1, 7.1).
  if (name.startsWith('x_') && ctx.specVersion === '2.0') return;
  ctx.warn(
    'STIX_CUSTOM_PROPERTY',
    path,
    name.startsWith('x_')
      ? `custom property "${name}" uses the deprecated custom-property mechanism; define it with a toplevel-property-extension (7.3)`
      : `custom property "${name}" should start with x_ or be declared by a toplevel-property-extension`,
    name.startsWith('x_') ? '11.1' : '11.1.1',
  );
};

/** Validates a spec-defined or custom object in an existing context (used by validateObject and documents). */
export function validateInto(value: unknown, path: string, ctx: Context): void {
  if (!isRecord(value)) {
    ctx.error('STIX_NOT_AN_OBJECT', path, `a STIX object must be a JSON object, not ${jsonType(value)}`, '3');
    return;
  }
  const type = value.type;
  if (type === undefined) {
    ctx.error('STIX_MISSING_PROPERTY', pointer(path, 'type'), 'every STIX object needs a type', '3.2');
    return;
  }
  if (typeof type !== 'string') {
    ctx.error(
      'STIX_WRONG_TYPE',
      pointer(path, 'type'),
      `type must be a string, not ${jsonType(type)}`,
      '3.2',
    );
    return;
  }
  if (value.spec_version === '2.0') {
    // Objects of a 2.0 bundle are noted once, on the bundle (meta/bundle.ts).
    ctx.warn(
      'STIX_VERSION_20',
      path,
      'STIX 2.0 content: checked with the rules STIX 2.0 and 2.1 share',
      '3.2',
    );
  }
  const entry = TYPE_INDEX.get(type);
  if (entry === undefined) {
    if (!TYPE_NAME.test(type) || type.includes('--')) {
      ctx.error(
        'STIX_CUSTOM_TYPE_NAME',
        pointer(path, 'type'),
        `type ${JSON.stringify(type)} must be 3-250 characters of a-z, 0-9 and single hyphens, starting with a letter`,
        '3.1',
      );
      return;
    }
    validateCustomObject(value, type, path, ctx);
    commonRules(value, type, path, ctx);
    return;
  }
  checkTable(value, entry.table, path, ctx, `a ${type}`, unknownTopLevel);
  commonRules(value, type, path, ctx);
  entry.spec.hook?.(value, path, ctx);
}

/**
 * Errors and warnings of one object, with a new context of its own. An object past the input
 * limits gets that one error and is not looked at further (its size is what would cost).
 */
export function objectIssues(
  value: unknown,
  options: ValidateOptions = {},
  basePath: string = options.basePath ?? '',
  defaultSpecVersion: '2.0' | '2.1' | undefined = options.defaultSpecVersion,
): readonly Issue[] {
  const tooLarge = objectLimitIssue(value, options.limits ?? DEFAULT_INPUT_LIMITS, basePath);
  if (tooLarge !== undefined) return [tooLarge];
  const root = isRecord(value) ? value : {};
  const version =
    root.spec_version === '2.0' || (root.spec_version === undefined && defaultSpecVersion === '2.0')
      ? '2.0'
      : '2.1';
  const ctx = new Context(version, options, root);
  validateInto(value, basePath, ctx);
  return ctx.issues;
}

/**
 * Validates one STIX object (spec sections 2–7): ok with warnings and the object typed by its
 * `type` (a ValidatedObject), or not ok with every issue. `basePath` and `defaultSpecVersion`,
 * when given, stand for those options: a caller placing each of many objects passes one shared
 * options object rather than a copy per object (`{ ...options, basePath }` per object doubled the
 * CPU time of validating an indicator on the import path).
 */
export function validateObject(
  value: unknown,
  options: ValidateOptions = {},
  basePath: string = options.basePath ?? '',
  defaultSpecVersion: '2.0' | '2.1' | undefined = options.defaultSpecVersion,
): ValidationResult<ValidatedObject> {
  const issues = objectIssues(value, options, basePath, defaultSpecVersion);
  if (issues.some((i) => i.severity === 'error')) return { ok: false, issues };
  // Every rule of the object's type held: its properties have the types its interface declares.
  return { ok: true, value: value as ValidatedObject, issues };
}
