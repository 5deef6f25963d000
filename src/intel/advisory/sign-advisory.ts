/**
 * `accord advisory sign`: a co-signer's approval of the advisory's current text, as an `agree`
 * opinion (spec 4.15) naming the report, with the Accord signature extension naming the exact
 * version and its digest. It carries the report's markings, so it stays with the co-signers
 * until the advisory is released and travels by federation like any object.
 */
import type { ValidatedObject, ValidatedOf } from '../../stix/index.js';
import { SIGNATURE_EXTENSION_ID } from '../extension-definitions.js';
import { type BuildContext, commonProperties, isIdentityId } from '../input-checks.js';
import { type IntelResult, IssueList } from '../intel-issue.js';
import type { VersionRecord } from '../version-record.js';
import { versionTimeOf } from '../version-time.js';
import { advisoryDigest, advisoryFacts } from './advisory-facts.js';
import { embargoFor } from './build-advisory.js';
import { standingSignatures } from './standing-signatures.js';

/**
 * The signature opinion of `signer` for this report version, or the issues that prevent it.
 * `markingRefs` replaces the report's markings: a co-signer other than the drafter marks its
 * signature with its own embargo of the same release time and co-signers (signEmbargo), since a
 * marking definition counts for an object only when its producer made it (DESIGN.md, Trust).
 */
export function signAdvisory(
  report: ValidatedObject,
  signer: string,
  ctx: Pick<BuildContext, 'now' | 'newId'>,
  markingRefs?: readonly string[],
): IntelResult<ValidatedOf<'opinion'>> {
  const issues = new IssueList();
  const facts = advisoryFacts(report);
  const version = versionTimeOf(report);
  if (report.type !== 'report' || facts === undefined || version === undefined) {
    issues.error('INTEL_NOT_AN_ADVISORY', 'id', `${String(report.id)} is not a joint advisory`);
    return issues.failed();
  }
  if (facts.revoked) issues.error('INTEL_ADVISORY_REVOKED', 'id', `${String(report.id)} is revoked`);
  if (!isIdentityId(signer))
    issues.error('INTEL_BAD_IDENTITY', 'signer', `${JSON.stringify(signer)} is not an identity id`);
  else if (!facts.cosigners.includes(signer))
    issues.error('INTEL_NOT_A_COSIGNER', 'signer', `${signer} is not a co-signer of ${String(report.id)}`);
  if (ctx.now >= facts.releaseAt.micros) {
    issues.error('INTEL_SIGNATURE_TOO_LATE', 'now', `the release time ${facts.releaseAt.text} has passed`);
  }
  return issues.result(() => ({
    ...commonProperties('opinion', signer, ctx),
    opinion: 'agree',
    explanation: `Signed for joint release at ${facts.releaseAt.text}: "${String(report.name)}" (version ${version.text}).`,
    object_refs: [report.id],
    object_marking_refs: markingRefs ?? facts.markingRefs,
    extensions: {
      [SIGNATURE_EXTENSION_ID]: {
        extension_type: 'property-extension',
        signed_version: version.text,
        signed_digest: advisoryDigest(report),
      },
    },
  }));
}

/**
 * The id of a standing signature by `signer` of exactly this report version, if any (signing
 * the same text again changes nothing: CONTRACT.md "advisory sign" exits 0).
 */
export function existingSignature(
  report: ValidatedObject,
  signer: string,
  signatures: readonly VersionRecord[],
): string | undefined {
  const digest = advisoryDigest(report);
  const version = versionTimeOf(report)?.text;
  const found = standingSignatures(String(report.id), signatures).find(
    (s) => s.version.record.producer === signer && s.facts.version === version && s.facts.digest === digest,
  );
  return found?.id;
}

/**
 * The markings of `signer`'s signature of `report`: the report's own when the signer drafted it
 * (it made the embargo), else the report's TLP and a new embargo of the signer's with the same
 * release time and co-signers (returned, to be stored with the signature). Undefined when the
 * report is not an advisory.
 */
export function signatureMarkings(
  report: ValidatedObject,
  signer: string,
  ctx: Pick<BuildContext, 'now' | 'newId'>,
):
  | { readonly markingRefs: readonly string[]; readonly embargo?: ValidatedOf<'marking-definition'> }
  | undefined {
  const facts = advisoryFacts(report);
  if (report.type !== 'report' || facts === undefined) return undefined;
  const refs = facts.markingRefs;
  if (report.created_by_ref === signer) return { markingRefs: refs };
  const embargo = embargoFor(facts.releaseAt.text, facts.cosigners, signer, ctx);
  const tlp = refs.find((r) => r !== facts.embargoRef) as string;
  return { markingRefs: [tlp, String(embargo.id)], embargo };
}
