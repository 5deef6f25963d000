/** Checks of the container types: list (2.12), dictionary (2.3) and nested structured types. */
import {
  type Check,
  type CompiledTable,
  type Context,
  compileTable,
  isRecord,
  jsonType,
  type PropertyTable,
  pointer,
} from '../validate/context.js';
import { checkCustomProperty } from './custom-names.js';

/** A non-empty list whose every item passes `item` (2.12). */
export const list =
  (item: Check): Check =>
  (value, path, ctx) => {
    if (!Array.isArray(value)) {
      ctx.error('STIX_WRONG_TYPE', path, `must be a list, not ${jsonType(value)}`, '2.12');
      return;
    }
    if (value.length === 0) {
      ctx.error('STIX_EMPTY_LIST', path, 'must not be an empty list; omit the property instead', '2.12');
      return;
    }
    for (let i = 0; i < value.length; i++) item(value[i], pointer(path, i), ctx);
  };

// 2.3: keys are ASCII letters, digits, hyphen and underscore, at most 250 characters.
const DICT_KEY = /^[A-Za-z0-9_-]{1,250}$/;

/** Checks dictionary-ness and key rules (2.3); returns the record when it is one. */
export function checkDictionary(
  value: unknown,
  path: string,
  ctx: Context,
): Readonly<Record<string, unknown>> | undefined {
  if (!isRecord(value)) {
    ctx.error('STIX_WRONG_TYPE', path, `must be a dictionary (JSON object), not ${jsonType(value)}`, '2.3');
    return undefined;
  }
  let empty = true;
  for (const key in value) {
    empty = false;
    if (!DICT_KEY.test(key)) {
      ctx.error(
        'STIX_INVALID_KEY',
        pointer(path, key),
        `dictionary key ${JSON.stringify(key)} may contain only ASCII letters, digits, - and _ and be at most 250 characters`,
        '2.3',
      );
    }
  }
  if (empty)
    ctx.error(
      'STIX_EMPTY_DICTIONARY',
      path,
      'must not be an empty dictionary; omit the property instead',
      '2.3',
    );
  return value;
}

/** A non-empty dictionary whose values pass `valueCheck` (when given). */
export const dictionary =
  (valueCheck?: Check): Check =>
  (value, path, ctx) => {
    const dict = checkDictionary(value, path, ctx);
    if (dict === undefined || valueCheck === undefined) return;
    for (const key in dict) valueCheck(dict[key], pointer(path, key), ctx);
  };

/** Options of a nested structured type (e.g. external-reference, windows-pe-section-type). */
export interface NestedOptions {
  readonly name: string;
  readonly section: string;
  /** At least one property of the table must be present (e.g. 6.17.2, 6.18.2). */
  readonly atLeastOne?: boolean;
  /** Cross-field rule of the type. */
  readonly hook?: (value: Readonly<Record<string, unknown>>, path: string, ctx: Context) => void;
}

/** What to do with a property the table does not define. */
export type UnknownPropertyHandler = (name: string, value: unknown, path: string, ctx: Context) => void;

/** Validates a JSON object against a compiled property table: required, typed, and unknown properties. */
export function checkTable(
  value: Readonly<Record<string, unknown>>,
  table: CompiledTable,
  path: string,
  ctx: Context,
  what: string,
  onUnknown: UnknownPropertyHandler = checkCustomProperty,
): void {
  const specs = table.specs;
  for (const name in value) {
    const spec = specs.get(name);
    const v = value[name];
    // Table names are plain snake_case: no JSON-pointer escaping needed.
    if (spec !== undefined) spec.check(v, `${path}/${name}`, ctx);
    else onUnknown(name, v, pointer(path, name), ctx);
  }
  for (const name of ctx.specVersion === '2.1' ? table.required : table.requiredIn20) {
    if (value[name] === undefined) {
      ctx.error('STIX_MISSING_PROPERTY', `${path}/${name}`, `${what} requires the property "${name}"`, '3.1');
    }
  }
}

/** A nested structured type checked against its own property table. */
export const nested = (table: PropertyTable, options: NestedOptions): Check => {
  const compiled = compileTable(table);
  return (value, path, ctx) => {
    if (!isRecord(value)) {
      ctx.error(
        'STIX_WRONG_TYPE',
        path,
        `must be a ${options.name} (JSON object), not ${jsonType(value)}`,
        options.section,
      );
      return;
    }
    checkTable(value, compiled, path, ctx, `a ${options.name}`);
    if (options.atLeastOne === true && !compiled.names.some((k) => value[k] !== undefined)) {
      ctx.error(
        'STIX_AT_LEAST_ONE',
        path,
        `a ${options.name} must contain at least one of its properties (${compiled.names.join(', ')})`,
        options.section,
      );
    }
    options.hook?.(value, path, ctx);
  };
};
