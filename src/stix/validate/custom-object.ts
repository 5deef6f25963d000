/** Objects whose type the spec does not define: extension objects (7.3) and deprecated custom objects (11.2). */
import { checkTable } from '../checks/collections.js';
import { checkUnknownProperty } from '../checks/custom-names.js';
import { coreCommon, scoCommon } from '../common/properties.js';
import { type Context, compileTable, isRecord, type PropertyTable, pointer } from './context.js';

/** The extension_type of a new-object extension declared on the object (new-sdo, new-sco, new-sro), if any. */
function newObjectKind(obj: Readonly<Record<string, unknown>>): 'sdo' | 'sco' | 'sro' | undefined {
  if (!isRecord(obj.extensions)) return undefined;
  for (const ext of Object.values(obj.extensions)) {
    if (!isRecord(ext)) continue;
    if (ext.extension_type === 'new-sdo') return 'sdo';
    if (ext.extension_type === 'new-sco') return 'sco';
    if (ext.extension_type === 'new-sro') return 'sro';
  }
  return undefined;
}

/** Makes every row of a table optional except `type` and `id`. */
function relaxed(table: PropertyTable): PropertyTable {
  const out: Record<string, PropertyTable[string]> = {};
  for (const [name, spec] of Object.entries(table)) {
    out[name] = name === 'type' || name === 'id' ? spec : { ...spec, required: false, requiredIn20: false };
  }
  return out;
}

/**
 * Validates a custom or extension object: with a new-sdo/new-sro/new-sco extension the kind's common
 * properties are required (7.3); otherwise common properties present are type-checked and only type
 * and id are required (11.2.1 does not say which kind a custom object is). Every other property
 * follows the custom property naming rules.
 */
export function validateCustomObject(
  obj: Readonly<Record<string, unknown>>,
  type: string,
  path: string,
  ctx: Context,
): void {
  const kind = newObjectKind(obj);
  const looksSco =
    kind === 'sco' || (kind === undefined && obj.created === undefined && obj.modified === undefined);
  const common = looksSco ? scoCommon(type) : coreCommon(type, kind ?? 'sdo');
  // A custom object's own properties are its properties, not custom properties: names only.
  checkTable(
    obj,
    compileTable(kind === undefined ? relaxed(common) : common),
    path,
    ctx,
    `a ${type}`,
    checkUnknownProperty,
  );
  if (kind === undefined && !type.startsWith('x-')) {
    ctx.warn(
      'STIX_CUSTOM_OBJECT',
      pointer(path, 'type'),
      `custom object type "${type}" should start with x- or be defined by an extension-definition (new-sdo/new-sco/new-sro)`,
      '11.2.1',
    );
  }
}
