/** Builds SDO type specs: common SDO properties (3.2) merged with the type's own table. */
import { coreCommon } from '../common/properties.js';
import type { PropertyTable } from '../validate/context.js';
import type { TypeHook, TypeSpec } from '../validate/type-spec.js';

/** An SDO spec from its specific property table (section 4.n.1) and optional hook. */
export function sdo(type: string, section: string, specific: PropertyTable, hook?: TypeHook): TypeSpec {
  const spec: TypeSpec = {
    type,
    kind: 'sdo',
    section,
    properties: { ...coreCommon(type, 'sdo'), ...specific },
  };
  return hook === undefined ? spec : { ...spec, hook };
}
