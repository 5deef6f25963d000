/** Reading a joint advisory (a report with the Accord advisory extension) and its signatures. */
import { createHash } from 'node:crypto';
import { EMBARGO_EXTENSION_ID } from '../../policy/index.js';
import { canonicalJson, isRecord, tlpOf, type ValidatedObject } from '../../stix/index.js';
import { ADVISORY_EXTENSION_ID, SIGNATURE_EXTENSION_ID } from '../extension-definitions.js';
import { isIdentityId } from '../input-checks.js';
import { parseVersionTime, type VersionTime } from '../version-time.js';

/** Most co-signers one advisory may name. */
export const MAX_COSIGNERS = 64;

/** What an advisory version says about its release. */
export interface AdvisoryFacts {
  readonly releaseAt: VersionTime;
  /** Co-signer identity ids, in the order the advisory lists them. */
  readonly cosigners: readonly string[];
  /** The TLP 2.0 level of its TLP marking. */
  readonly tlp: 'clear' | 'green' | 'amber';
  /** The id of its embargo marking (its other object marking). */
  readonly embargoRef: string;
  /** Its two object markings, in its own order. */
  readonly markingRefs: readonly string[];
  readonly revoked: boolean;
}

/** What a signature version approves. */
export interface SignatureFacts {
  readonly report: string;
  readonly version: string;
  readonly digest: string;
}

function extensionOf(object: ValidatedObject, id: string): Readonly<Record<string, unknown>> | undefined {
  const extensions = 'extensions' in object ? object.extensions : undefined;
  if (!isRecord(extensions)) return undefined;
  const ext = extensions[id];
  return isRecord(ext) ? ext : undefined;
}

/** The advisory facts of a report version, or undefined when it is not a well-formed advisory. */
export function advisoryFacts(object: ValidatedObject): AdvisoryFacts | undefined {
  if (object.type !== 'report') return undefined;
  const ext = extensionOf(object, ADVISORY_EXTENSION_ID);
  const releaseAt = parseVersionTime(ext?.release_at);
  const cosigners = ext?.cosigners;
  if (releaseAt === undefined || !Array.isArray(cosigners)) return undefined;
  if (cosigners.length === 0 || cosigners.length > MAX_COSIGNERS || !cosigners.every(isIdentityId))
    return undefined;
  if (new Set(cosigners).size !== cosigners.length) return undefined;
  // Exactly two object markings: the TLP (clear, green or amber) and the embargo.
  const refs = object.object_marking_refs;
  if (!Array.isArray(refs) || refs.length !== 2 || !refs.every((r) => typeof r === 'string'))
    return undefined;
  const tlpIndex = refs.findIndex((r) => tlpOf(r)?.version === '2.0');
  const level = tlpIndex < 0 ? undefined : tlpOf(refs[tlpIndex] as string)?.level;
  if (level !== 'clear' && level !== 'green' && level !== 'amber') return undefined;
  const embargoRef = refs[1 - tlpIndex] as string;
  if (!embargoRef.startsWith('marking-definition--') || tlpOf(embargoRef) !== undefined) return undefined;
  return {
    releaseAt,
    cosigners,
    tlp: level,
    embargoRef,
    markingRefs: refs,
    revoked: object.revoked === true,
  };
}

/**
 * True when `definition` is the advisory's embargo marking and carries exactly its release time
 * and co-signers (the release machinery must check this before it releases anything: the
 * marking decides who sees the advisory, the extension what the co-signers signed).
 */
export function embargoMatches(facts: AdvisoryFacts, definition: ValidatedObject): boolean {
  if (definition.type !== 'marking-definition' || definition.id !== facts.embargoRef) return false;
  const ext = extensionOf(definition, EMBARGO_EXTENSION_ID);
  const cosigners = ext?.cosigners;
  return (
    ext !== undefined &&
    ext.release_at === facts.releaseAt.text &&
    Array.isArray(cosigners) &&
    cosigners.length === facts.cosigners.length &&
    cosigners.every((c, i) => c === facts.cosigners[i])
  );
}

/**
 * The digest a signature names: SHA-256 over the RFC 8785 canonical JSON of the whole report
 * version (id, version, title, body, refs, markings, release time and co-signers all included),
 * so any change of the text, however small, needs new signatures.
 */
export function advisoryDigest(report: ValidatedObject): string {
  return `sha256:${createHash('sha256').update(canonicalJson(report)).digest('hex')}`;
}

const APPROVING = new Set(['agree', 'strongly-agree']);
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** The signature facts of an opinion version, or undefined when it is not a standing signature. */
export function signatureFacts(object: ValidatedObject): SignatureFacts | undefined {
  if (object.type !== 'opinion' || object.revoked === true) return undefined;
  if (typeof object.opinion !== 'string' || !APPROVING.has(object.opinion)) return undefined;
  const ext = extensionOf(object, SIGNATURE_EXTENSION_ID);
  const refs = object.object_refs;
  if (ext === undefined || !Array.isArray(refs) || refs.length !== 1) return undefined;
  const [report] = refs;
  const { signed_version: version, signed_digest: digest } = ext;
  if (typeof report !== 'string' || !report.startsWith('report--')) return undefined;
  if (parseVersionTime(version) === undefined || typeof digest !== 'string' || !DIGEST.test(digest))
    return undefined;
  return { report, version: version as string, digest };
}
