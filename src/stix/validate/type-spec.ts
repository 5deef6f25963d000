/** The declarative description of one object type: its property table and its cross-field hook. */
import type { ObjectKind } from '../common/type-names.js';
import type { Context, PropertyTable } from './context.js';

/** Cross-field rules of one type (e.g. valid_until > valid_from), run after the property checks. */
export type TypeHook = (obj: Readonly<Record<string, unknown>>, path: string, ctx: Context) => void;

/** A spec-defined object type: kind, defining section, full property table (common + specific), hook. */
export interface TypeSpec {
  readonly type: string;
  readonly kind: ObjectKind;
  readonly section: string;
  readonly properties: PropertyTable;
  readonly hook?: TypeHook;
}
