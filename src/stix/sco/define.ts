/** Builds SCO type specs: common SCO properties (3.2) merged with the type's own table. */
import { scoCommon } from '../common/properties.js';
import type { Context, PropertyTable } from '../validate/context.js';
import type { TypeHook, TypeSpec } from '../validate/type-spec.js';

/** An SCO spec from its specific property table (section 6.n.1) and optional hook. */
export function sco(type: string, section: string, specific: PropertyTable, hook?: TypeHook): TypeSpec {
  const spec: TypeSpec = { type, kind: 'sco', section, properties: { ...scoCommon(type), ...specific } };
  return hook === undefined ? spec : { ...spec, hook };
}

/** Reports a malformed `value` unless the object says it is defanged (3.2 `defanged`). */
export function checkValueFormat(
  obj: Readonly<Record<string, unknown>>,
  path: string,
  ctx: Context,
  valid: (value: string) => boolean,
  what: string,
  section: string,
): void {
  const value = obj.value;
  if (typeof value !== 'string' || obj.defanged === true || valid(value)) return;
  ctx.error('STIX_INVALID_VALUE', `${path}/value`, `${JSON.stringify(value).slice(0, 80)} ${what}`, section);
}

/** Names of the SCO common properties (for "at least one object-specific property" rules). */
export const SCO_COMMON_NAMES: ReadonlySet<string> = new Set([
  'type',
  'id',
  'spec_version',
  'object_marking_refs',
  'granular_markings',
  'defanged',
  'extensions',
]);
