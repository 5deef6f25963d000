/** The identifier type (spec 2.9) and references with allowed target types (3.3). */
import { kindOf, type ObjectKind } from '../common/type-names.js';
import { type Check, type Context, jsonType, show } from '../validate/context.js';

const IDENTIFIER =
  /^([a-z][a-z0-9-]*[a-z0-9])--([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-([0-9a-fA-F])[0-9a-fA-F]{3}-([0-9a-fA-F])[0-9a-fA-F]{3}-[0-9a-fA-F]{12})$/;

/** An identifier split into its parts. */
export interface ParsedIdentifier {
  readonly type: string;
  readonly uuid: string;
  /** The UUID version digit (1–5 for RFC 4122 UUIDs). */
  readonly version: number;
}

/** Splits `type--UUID`, or undefined when the text is not identifier-shaped. */
export function parseIdentifier(text: string): ParsedIdentifier | undefined {
  const m = IDENTIFIER.exec(text);
  if (m === null) return undefined;
  return { type: m[1]!, uuid: m[2]!, version: Number.parseInt(m[3]!, 16) };
}

/** True when `value` is a STIX identifier `type--UUID` with an RFC 4122 UUID (spec 2.9). */
export function isStixId(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = IDENTIFIER.exec(value);
  return m !== null && isRfc4122(m[3]!, m[4]!);
}

// RFC 4122 4.1.1/4.1.3: variant bits 10x (8, 9, a, b) and a version 1–5.
function isRfc4122(version: string, variant: string): boolean {
  return '12345'.includes(version) && '89abAB'.includes(variant);
}

/** What a reference may point to: object types and/or whole kinds. */
export interface RefTarget {
  readonly types?: readonly string[];
  readonly kinds?: readonly (ObjectKind | 'custom')[];
  /** How the allowed targets read in a message, e.g. "an identity". */
  readonly describe: string;
}

/** Checks one identifier string; returns its parsed form when it is well formed. */
export function checkIdentifierText(
  value: unknown,
  path: string,
  ctx: Context,
): ParsedIdentifier | undefined {
  if (typeof value !== 'string') {
    ctx.error(
      'STIX_WRONG_TYPE',
      path,
      `must be an identifier string (type--UUID), not ${jsonType(value)}`,
      '2.9',
    );
    return undefined;
  }
  const m = IDENTIFIER.exec(value);
  if (m === null) {
    ctx.error(
      'STIX_INVALID_IDENTIFIER',
      path,
      `${show(value)} is not a STIX identifier; use the form type--UUID, e.g. indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f`,
      '2.9',
    );
    return undefined;
  }
  if (!isRfc4122(m[3]!, m[4]!)) {
    ctx.error(
      'STIX_INVALID_IDENTIFIER',
      path,
      `the UUID in ${show(value)} is not an RFC 4122 UUID (its version digit must be 1-5 and its variant digit 8, 9, a or b)`,
      '2.9',
    );
    return undefined;
  }
  if (/[A-F]/.test(m[2]!)) {
    ctx.warn(
      'STIX_ID_UPPERCASE',
      path,
      `${show(value)} has upper-case hex digits; write UUIDs in lower case (RFC 4122 section 3), references match ids exactly`,
      '2.9',
    );
  }
  return { type: m[1]!, uuid: m[2]!, version: Number.parseInt(m[3]!, 16) };
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
    const id = checkIdentifierText(value, path, ctx);
    if (id === undefined || target === undefined) return;
    if (!allowed(id.type, target)) {
      ctx.error(
        'STIX_REFERENCE_TYPE',
        path,
        `must reference ${target.describe}, but ${show(value)} is a ${id.type}`,
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
