/**
 * What one object version says, for attribution (CONTRACT.md "Attribution and consensus"):
 * a claim is an `attributed-to` relationship (spec 5.1) with a `confidence` (spec 3.2, an
 * integer 0-100); a dispute is an opinion (spec 4.15) `disagree` or `strongly-disagree` whose
 * `object_refs` name claims. A revoked version (spec 3.6) says nothing. Versions come typed by
 * validation, but each fact is checked again: intel/ is a library, and its callers' objects are
 * untrusted input.
 */
import type { ValidatedObject, ValidatedOf } from '../../stix/index.js';

/** Most claims one dispute may name; an opinion naming more is not read as a dispute (untrusted input). */
export const MAX_DISPUTED_CLAIMS = 1000;

/**
 * A claim: the organisation attributes `source_ref` (the subject) to `target_ref` with
 * `confidence`. It is the relationship object itself, checked (no copy: the index keeps one per
 * claim version).
 */
export type ClaimFacts = ValidatedOf<'relationship'> & {
  readonly relationship_type: 'attributed-to';
  readonly confidence: number;
};

/** A dispute of the claims it names. */
export interface DisputeFacts {
  readonly claims: readonly string[];
}

const DISPUTING = new Set(['disagree', 'strongly-disagree']);

/** True when `value` is a whole number from 0 to 100 (spec 3.2 `confidence`). */
export function isConfidence(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100;
}

/** True when a relationship version is a claim (see claimFacts). */
function isClaim(object: ValidatedOf<'relationship'>): object is ClaimFacts {
  if (object.relationship_type !== 'attributed-to' || object.revoked === true) return false;
  const { source_ref: subject, target_ref: target, confidence } = object;
  return typeof subject === 'string' && typeof target === 'string' && isConfidence(confidence);
}

/** The claim a relationship version makes, or undefined when it makes none. */
export function claimFacts(object: ValidatedObject): ClaimFacts | undefined {
  return object.type === 'relationship' && isClaim(object) ? object : undefined;
}

/** The dispute an opinion version makes, or undefined when it makes none. */
export function disputeFacts(object: ValidatedObject): DisputeFacts | undefined {
  if (object.type !== 'opinion' || object.revoked === true) return undefined;
  if (typeof object.opinion !== 'string' || !DISPUTING.has(object.opinion)) return undefined;
  const refs = object.object_refs;
  if (!Array.isArray(refs) || refs.length > MAX_DISPUTED_CLAIMS) return undefined;
  const claims = refs.filter((r): r is string => typeof r === 'string' && r.startsWith('relationship--'));
  return claims.length > 0 ? { claims: [...new Set(claims)] } : undefined;
}
