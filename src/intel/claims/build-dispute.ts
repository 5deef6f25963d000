/**
 * `accord attribution dispute`: an opinion (spec 4.15) `disagree`, or `strongly-disagree`,
 * whose `object_refs` name the claim (CONTRACT.md "Attribution and consensus").
 */
import { tlpOf, type ValidatedOf } from '../../stix/index.js';
import {
  type BuildContext,
  checkMarkings,
  checkNote,
  commonProperties,
  isIdentityId,
  resolveVisible,
} from '../input-checks.js';
import { type IntelResult, IssueList } from '../intel-issue.js';
import { claimFacts } from './claim-facts.js';

/** What `attribution dispute` was given. */
export interface DisputeInput {
  readonly claim: string;
  /** Identity id of the disputing organisation. */
  readonly producer: string;
  readonly explanation?: string;
  readonly strongly?: boolean;
  readonly markings?: readonly string[];
}

/** Markings that narrow who sees an object within its collection (all but TLP CLEAR/GREEN/AMBER). */
function restricting(refs: unknown): string[] {
  if (!Array.isArray(refs)) return [];
  return refs.filter((r): r is string => typeof r === 'string' && (tlpOf(r)?.level ?? 'red') === 'red');
}

/** The opinion of a new dispute, or the issues that prevent it. */
export function buildDispute(input: DisputeInput, ctx: BuildContext): IntelResult<ValidatedOf<'opinion'>> {
  const issues = new IssueList();
  if (!isIdentityId(input.producer))
    issues.error('INTEL_BAD_IDENTITY', 'producer', `${JSON.stringify(input.producer)} is not an identity id`);
  const claim = resolveVisible(input.claim, 'claim', ctx, issues, ['relationship']);
  if (claim !== undefined && claimFacts(claim) === undefined) {
    issues.error(
      'INTEL_NOT_A_CLAIM',
      'claim',
      `${input.claim} is not an attributed-to relationship with a confidence`,
    );
  }
  const markings = checkMarkings(input.markings, issues);
  if (claim !== undefined) {
    const narrower = restricting(claim.object_marking_refs).filter((m) => !markings.includes(m));
    if (narrower.length > 0) {
      issues.warn(
        'INTEL_DISPUTE_WIDER',
        'markings',
        `the claim is marked ${narrower.join(', ')}; without those markings the dispute (and the claim id it names) reaches readers who cannot see the claim`,
      );
    }
  }
  const explanation = checkNote(input.explanation, 'explanation', issues);
  return issues.result(() => ({
    ...commonProperties('opinion', input.producer, ctx),
    opinion: input.strongly === true ? 'strongly-disagree' : 'disagree',
    object_refs: [input.claim],
    ...(explanation !== undefined ? { explanation } : {}),
    ...(markings.length > 0 ? { object_marking_refs: markings } : {}),
  }));
}
