/** The identifier type (spec 2.9) and references with allowed target types (3.3). */
import { kindOf, type ObjectKind } from '../common/type-names.js';
import { type Check, type Context, jsonType, show } from '../validate/context.js';

const TYPE_PART = /^[a-z][a-z0-9-]*[a-z0-9]$/;

/** Whether the 36 characters of `text` from `at` have the 8-4-4-4-12 hex layout of a UUID; 2 when they include A-F. */
function uuidShape(text: string, at: number): 0 | 1 | 2 {
  if (text.length - at !== 36) return 0;
  let upper = false;
  for (let i = 0; i < 36; i++) {
    const c = text.charCodeAt(at + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return 0;
    } else if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) {
      // 0-9, a-f
    } else if (c >= 65 && c <= 70) {
      upper = true;
    } else {
      return 0;
    }
  }
  return upper ? 2 : 1;
}

/** An identifier split into its parts. */
export interface ParsedIdentifier {
  readonly type: string;
  readonly uuid: string;
  /** The UUID version digit (1–5 for RFC 4122 UUIDs). */
  readonly version: number;
}

/** Splits `type--UUID`, or undefined when the text is not identifier-shaped. */
export function parseIdentifier(text: string): ParsedIdentifier | undefined {
  const sep = text.indexOf('--');
  if (sep < 2 || uuidShape(text, sep + 2) === 0) return undefined;
  const type = text.slice(0, sep);
  if (!TYPE_PART.test(type)) return undefined;
  return { type, uuid: text.slice(sep + 2), version: Number.parseInt(text[sep + 16]!, 16) };
}

/** The type part of an identifier-shaped text, without allocating a parsed form. */
export function identifierType(text: string): string | undefined {
  const sep = text.indexOf('--');
  if (sep < 2 || uuidShape(text, sep + 2) === 0) return undefined;
  const type = text.slice(0, sep);
  return TYPE_PART.test(type) ? type : undefined;
}

/** True when `value` is a STIX identifier `type--UUID` with an RFC 4122 UUID (spec 2.9). */
export function isStixId(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const id = parseIdentifier(value);
  return id !== undefined && isRfc4122(value, value.length - 36);
}

// RFC 4122 4.1.1/4.1.3: a version 1–5 and the variant bits 10x (8, 9, a, b).
function isRfc4122(text: string, at: number): boolean {
  const version = text.charCodeAt(at + 14);
  const variant = text[at + 19]!;
  return version >= 49 && version <= 53 && '89abAB'.includes(variant);
}

/** What a reference may point to: object types and/or whole kinds. */
export interface RefTarget {
  readonly types?: readonly string[];
  readonly kinds?: readonly (ObjectKind | 'custom')[];
  /** How the allowed targets read in a message, e.g. "an identity". */
  readonly describe: string;
}

/** Checks one identifier string; returns its type when it is well formed. */
export function checkIdentifierText(value: unknown, path: string, ctx: Context): string | undefined {
  if (typeof value !== 'string') {
    ctx.error(
      'STIX_WRONG_TYPE',
      path,
      `must be an identifier string (type--UUID), not ${jsonType(value)}`,
      '2.9',
    );
    return undefined;
  }
  const sep = value.indexOf('--');
  const shape = sep < 2 ? 0 : uuidShape(value, sep + 2);
  const type = shape === 0 ? '' : value.slice(0, sep);
  if (shape === 0 || !TYPE_PART.test(type)) {
    ctx.error(
      'STIX_INVALID_IDENTIFIER',
      path,
      `${show(value)} is not a STIX identifier; use the form type--UUID, e.g. indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f`,
      '2.9',
    );
    return undefined;
  }
  if (!isRfc4122(value, sep + 2)) {
    ctx.error(
      'STIX_INVALID_IDENTIFIER',
      path,
      `the UUID in ${show(value)} is not an RFC 4122 UUID (its version digit must be 1-5 and its variant digit 8, 9, a or b)`,
      '2.9',
    );
    return undefined;
  }
  if (shape === 2) {
    ctx.warn(
      'STIX_ID_UPPERCASE',
      path,
      `${show(value)} has upper-case hex digits; write UUIDs in lower case (RFC 4122 section 3), references match ids exactly`,
      '2.9',
    );
  }
  return type;
}

function allowed(type: string, target: RefTarget): boolean {
  if (target.types?.includes(type)) return true;
  if (target.kinds === undefined) return false;
  const kind = kindOf(type);
  return kind === undefined
    ? type !== 'bundle' && target.kinds.includes('custom')
    : target.kinds.includes(kind);
}

/** A reference property check: an identifier whose type is one of the allowed targets. */
export function reference(target?: RefTarget, section = '3.3'): Check {
  return (value, path, ctx) => {
    const type = checkIdentifierText(value, path, ctx);
    if (type === undefined || target === undefined) return;
    if (!allowed(type, target)) {
      ctx.error(
        'STIX_REFERENCE_TYPE',
        path,
        `must reference ${target.describe}, but ${show(value)} is a ${type}`,
        section,
      );
    }
  };
}

/** Reference targets used by many properties. */
export const REF = {
  identity: { types: ['identity'], describe: 'an identity' },
  markingDefinition: { types: ['marking-definition'], describe: 'a marking-definition' },
  software: { types: ['software'], describe: 'a software SCO' },
  artifact: { types: ['artifact'], describe: 'an artifact' },
  anyObject: { kinds: ['sdo', 'sro', 'sco', 'meta', 'custom'], describe: 'a STIX object' },
  sdoOrSco: {
    kinds: ['sdo', 'sco', 'custom'],
    describe: 'an SDO or SCO (not an SRO, bundle, language-content or marking-definition)',
  },
} as const satisfies Record<string, RefTarget>;
