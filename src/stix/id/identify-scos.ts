/** Identifiers for a list of SCOs (what `accord stix id` prints): null where a value is not a valid SCO. */
import { randomUUID } from 'node:crypto';
import { kindOf } from '../common/type-names.js';
import { SCO_EXTENSION_OWNERS } from '../sco/property-names.js';
import { isRecord } from '../validate/context.js';
import { objectIssues } from '../validate/validate-object.js';
import { deterministicId } from './deterministic-id.js';

/**
 * The object as judged for its id: extensions Accord does not know (custom or unregistered keys,
 * neither predefined nor an extension-definition id) are opaque to it. They still contribute to
 * the id as given (2.9: ID Contributing Properties include extensions for file and
 * network-traffic), but how they are written is their definer's business, not the SCO's.
 */
function withoutUnknownExtensions(sco: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const extensions = sco.extensions;
  if (!isRecord(extensions)) return sco;
  const known = Object.entries(extensions).filter(
    ([key]) => Object.hasOwn(SCO_EXTENSION_OWNERS, key) || key.startsWith('extension-definition--'),
  );
  if (known.length === Object.keys(extensions).length) return sco;
  const { extensions: _all, ...rest } = sco;
  return known.length === 0 ? rest : { ...rest, extensions: Object.fromEntries(known) };
}

/** Options of identifyScos. */
export interface IdentifyOptions {
  /**
   * The same values read with integers beyond 2^53 kept exact (parseJsonExact), index for index;
   * ids are computed from these when given.
   */
  readonly exact?: readonly unknown[];
  /** The source of UUIDv4s for SCOs without ID Contributing Properties (default node:crypto). */
  readonly uuidV4?: () => string;
}

/**
 * For each value: its identifier computed from its properties as given (spec 2.9): the UUIDv5
 * of its ID Contributing Properties, or a fresh UUIDv4 when none of them is present (2.9: "a
 * UUIDv4 MUST be used"); null when it is not a valid SCO of a spec-defined type.
 */
export function identifyScos(values: readonly unknown[], options: IdentifyOptions = {}): (string | null)[] {
  const uuidV4 = options.uuidV4 ?? randomUUID;
  return values.map((value, i) => {
    if (!isRecord(value) || typeof value.type !== 'string' || kindOf(value.type) !== 'sco') return null;
    const id = deterministicId(options.exact?.[i] ?? value) ?? `${value.type}--${uuidV4()}`;
    const issues = objectIssues({ ...withoutUnknownExtensions(value), id });
    return issues.some((issue) => issue.severity === 'error') ? null : id;
  });
}
