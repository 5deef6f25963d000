/** Whether one signature signs the given advisory version, and if not, why not. */
import type { ValidatedObject } from '../../stix/index.js';
import { type IntelResult, IssueList } from '../intel-issue.js';
import type { VersionRecord } from '../version-record.js';
import { versionTimeOf } from '../version-time.js';
import { advisoryDigest, advisoryFacts, signatureFacts } from './advisory-facts.js';

/**
 * Verifies a signature version against an advisory version (its current text): it must be a
 * standing signature of that report, of exactly that version and digest, produced by a
 * co-signer before the release time. The signer is the version's producer, not `created_by_ref`.
 */
export function verifySignature(
  signature: VersionRecord,
  report: ValidatedObject,
): IntelResult<{ readonly signer: string }> {
  const issues = new IssueList();
  const facts = signatureFacts(signature.object);
  const advisory = advisoryFacts(report);
  const version = versionTimeOf(report);
  const signedAt = versionTimeOf(signature.object);
  if (advisory === undefined || version === undefined) {
    issues.error('INTEL_NOT_AN_ADVISORY', 'report', `${String(report.id)} is not a joint advisory`);
  } else if (facts === undefined || facts.report !== report.id) {
    issues.error(
      'INTEL_BAD_ID',
      'signature',
      `${String(signature.object.id)} is not a standing signature of ${String(report.id)}`,
    );
  } else {
    if (facts.version !== version.text || facts.digest !== advisoryDigest(report)) {
      issues.error(
        'INTEL_BAD_ID',
        'signature',
        `it signs another text (version ${facts.version}); the current text needs a new signature`,
      );
    }
    if (advisory.revoked) issues.error('INTEL_ADVISORY_REVOKED', 'report', `${String(report.id)} is revoked`);
    if (!advisory.cosigners.includes(signature.producer))
      issues.error('INTEL_NOT_A_COSIGNER', 'signature', `${signature.producer} is not a co-signer`);
    if (signedAt === undefined || signedAt.micros >= advisory.releaseAt.micros)
      issues.error(
        'INTEL_SIGNATURE_TOO_LATE',
        'signature',
        `made at or after the release time ${advisory.releaseAt.text}`,
      );
  }
  return issues.result(() => ({ signer: signature.producer }));
}
