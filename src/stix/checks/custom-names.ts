/** Rules for property names the spec does not define: custom properties (3.1, 3.8, 11.1.1, 7.3.2). */
import { type Context, show } from '../validate/context.js';

// 3.1 + 11.1.1 + 7.3.2: lowercase ASCII letters, digits, underscore; 3–250 characters; starts with a letter.
const PROPERTY_NAME = /^[a-z][a-z0-9_]{2,249}$/;

/** Property names reserved by spec 3.8: MUST NOT appear in conforming content. */
export const RESERVED_PROPERTY_NAMES: ReadonlySet<string> = new Set([
  'severity',
  'username',
  'phone_number',
  'action',
]);

/**
 * Checks a property name the type's table does not define: naming rules are MUSTs (errors), the
 * `x_` prefix is a SHOULD of the deprecated custom-property mechanism (warning, unless a
 * toplevel-property-extension is declared on the object).
 */
export function checkUnknownProperty(name: string, _value: unknown, path: string, ctx: Context): void {
  if (RESERVED_PROPERTY_NAMES.has(name)) {
    ctx.error(
      'STIX_RESERVED_PROPERTY',
      path,
      `"${name}" is a reserved property name and must not be used`,
      '3.8',
    );
    return;
  }
  if (!PROPERTY_NAME.test(name)) {
    ctx.error(
      'STIX_CUSTOM_PROPERTY_NAME',
      path,
      `custom property name ${show(name)} must be 3-250 characters of lower-case ASCII letters, digits and _, starting with a letter`,
      '11.1.1',
    );
  }
}

/**
 * A property a nested type, predefined extension, dictionary-like structure or bundle does not
 * define: the naming rules, and a warning that custom properties outside an extension are the
 * deprecated mechanism (11.1: they SHOULD be defined with a property-extension, 7.3).
 */
export function checkCustomProperty(name: string, value: unknown, path: string, ctx: Context): void {
  const before = ctx.issues.length;
  checkUnknownProperty(name, value, path, ctx);
  // STIX 2.0 had no extension mechanism to prefer: its custom properties are not deprecated.
  if (ctx.issues.length > before || ctx.specVersion === '2.0') return;
  ctx.warn(
    'STIX_CUSTOM_PROPERTY',
    path,
    `custom property "${name}" is outside any extension: custom properties are deprecated; define it with a property-extension (7.3)`,
    '11.1',
  );
}

/** True when the object declares a toplevel-property-extension in its `extensions` (7.3). */
export function hasToplevelExtension(obj: Readonly<Record<string, unknown>>): boolean {
  const extensions = obj.extensions;
  if (typeof extensions !== 'object' || extensions === null) return false;
  for (const ext of Object.values(extensions)) {
    if (
      typeof ext === 'object' &&
      ext !== null &&
      (ext as Record<string, unknown>).extension_type === 'toplevel-property-extension'
    ) {
      return true;
    }
  }
  return false;
}
