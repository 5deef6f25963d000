/**
 * `accord attribution claim`: an attribution claim is an `attributed-to` relationship (spec
 * 5.1) with a confidence (spec 3.2), produced by the claiming organisation; its evidence rides
 * on the relationship as the Accord evidence property-extension (docs/decisions/0002).
 */
import { isRecord, type ValidatedObject, type ValidatedOf } from '../../stix/index.js';
import { EVIDENCE_EXTENSION_ID, EVIDENCE_TYPES } from '../extension-definitions.js';
import {
  type BuildContext,
  checkMarkings,
  checkNote,
  commonProperties,
  isIdentityId,
  resolveVisible,
} from '../input-checks.js';
import { type IntelResult, IssueList } from '../intel-issue.js';
import { isConfidence } from './claim-facts.js';

/** Most evidence objects one claim may name. */
export const MAX_EVIDENCE = 1000;

/** Spec Appendix B: the types `attributed-to` joins (source → targets). */
const ATTRIBUTED_TO: Readonly<Record<string, readonly string[]>> = {
  campaign: ['intrusion-set', 'threat-actor'],
  'intrusion-set': ['threat-actor'],
  'threat-actor': ['identity'],
};

/** What `attribution claim` was given. */
export interface ClaimInput {
  readonly subject: string;
  readonly target: string;
  readonly confidence: unknown;
  /** Identity id of the claiming organisation (written as `created_by_ref`). */
  readonly producer: string;
  readonly evidence?: readonly string[];
  readonly markings?: readonly string[];
  readonly description?: string;
}

/** The relationship of a new attribution claim, or the issues that prevent it. */
export function buildClaim(input: ClaimInput, ctx: BuildContext): IntelResult<ValidatedOf<'relationship'>> {
  const issues = new IssueList();
  if (!isIdentityId(input.producer))
    issues.error('INTEL_BAD_IDENTITY', 'producer', `${JSON.stringify(input.producer)} is not an identity id`);
  const subject = resolveVisible(input.subject, 'subject', ctx, issues);
  const target = resolveVisible(input.target, 'target', ctx, issues);
  if (input.subject === input.target)
    issues.error('INTEL_BAD_ID', 'target', 'a subject cannot be attributed to itself');
  if (subject && target && !ATTRIBUTED_TO[String(subject.type)]?.includes(String(target.type))) {
    issues.warn(
      'INTEL_BAD_ID',
      'target',
      `STIX Appendix B does not list ${String(subject.type)} attributed-to ${String(target.type)}; the claim counts all the same`,
    );
  }
  const confidence = isConfidence(input.confidence) ? input.confidence : undefined;
  if (confidence === undefined) {
    issues.error(
      'INTEL_BAD_CONFIDENCE',
      'confidence',
      `${JSON.stringify(input.confidence)} is not a whole number from 0 to 100`,
    );
  }
  const evidence = [...new Set(input.evidence ?? [])];
  if (evidence.length > MAX_EVIDENCE)
    issues.error('INTEL_TOO_MANY', 'evidence', `at most ${MAX_EVIDENCE} evidence objects`);
  else
    evidence.forEach((id, i) => {
      const type = typeof id === 'string' ? id.slice(0, id.indexOf('--')) : '';
      if (!EVIDENCE_TYPES.includes(type))
        issues.error(
          'INTEL_BAD_EVIDENCE',
          `evidence/${i}`,
          `${JSON.stringify(id)} is not a ${EVIDENCE_TYPES.join(', ')} id`,
        );
      else resolveVisible(id, `evidence/${i}`, ctx, issues);
    });
  const markings = checkMarkings(input.markings, issues);
  const description = checkNote(input.description, 'description', issues);
  return issues.result(() => ({
    ...commonProperties('relationship', input.producer, ctx),
    relationship_type: 'attributed-to',
    source_ref: input.subject,
    target_ref: input.target,
    ...(confidence !== undefined ? { confidence } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(markings.length > 0 ? { object_marking_refs: markings } : {}),
    ...(evidence.length > 0
      ? {
          extensions: {
            [EVIDENCE_EXTENSION_ID]: { extension_type: 'property-extension', evidence_refs: evidence },
          },
        }
      : {}),
  }));
}

/** The evidence ids a claim names (its Accord evidence extension), or none. */
export function evidenceOf(claim: ValidatedObject): readonly string[] {
  const extensions = 'extensions' in claim ? claim.extensions : undefined;
  if (!isRecord(extensions)) return [];
  const ext = extensions[EVIDENCE_EXTENSION_ID];
  const refs = isRecord(ext) ? ext.evidence_refs : undefined;
  return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [];
}
