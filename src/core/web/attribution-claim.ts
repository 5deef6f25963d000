/**
 * One cell of the attribution matrix opened (issue 17, "a cell opens the claim and its
 * evidence"): a claim (`attributed-to` relationship) or dispute (opinion) the caller sees, with
 * its organisation, version time, confidence, and its evidence (docs/decisions/0002) as the
 * caller sees it: evidence hidden from the caller is absent, not listed as hidden. Anything the
 * caller may not see, or that is no claim or dispute, answers as an unknown id.
 */
import { claimFacts, disputeFacts, evidenceOf } from '../../intel/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import type { NodeServices } from '../node/node-services.js';
import { confidenceLabel } from './attribution-matrix.js';
import { newestVisible } from './newest-visible.js';
import { type ObjectSummary, summaryOf } from './object-summary.js';

/** One message for absent and hidden alike. */
export const NO_SUCH_CLAIM = 'no such claim';

/** A claim or dispute as the panel shows it. */
export interface ClaimDetail {
  readonly id: string;
  readonly stance: 'support' | 'dispute';
  /** The claim's confidence (0 for a dispute, as in the matrix) and its appendix A label. */
  readonly confidence: number;
  readonly confidenceLabel: string;
  /** The organisation (slug) that produced this version, as the node records it. */
  readonly producerOrg: string | null;
  /** The version's time (`modified`). */
  readonly version: string;
  /** A claim's subject and candidate; null when the caller does not see them. */
  readonly subject: ObjectSummary | null;
  readonly attributedTo: ObjectSummary | null;
  /** A dispute's disputed claims (ids) and explanation. */
  readonly disputes: readonly string[];
  readonly explanation: string | null;
  /** The evidence objects the caller sees, in the claim's order. */
  readonly evidence: readonly ObjectSummary[];
}

/** The claim or dispute `id` as the caller sees it, with its visible evidence. */
export async function attributionClaim(node: NodeServices, caller: Caller, id: string): Promise<ClaimDetail> {
  const unknown = () => new CoreError('CORE_NOT_FOUND', NO_SUCH_CLAIM);
  if (!id.startsWith('relationship--') && !id.startsWith('opinion--')) throw unknown();
  const entry = (await newestVisible(node, caller, [id])).get(id);
  if (entry === undefined) throw unknown();
  const object = entry.object;
  const claim = claimFacts(object);
  const dispute = claim === undefined ? disputeFacts(object) : undefined;
  if (claim === undefined && dispute === undefined) throw unknown();
  const evidenceIds = claim === undefined ? [] : evidenceOf(object);
  const related = claim === undefined ? [] : [claim.source_ref, claim.target_ref];
  const seen = await newestVisible(node, caller, [...related, ...evidenceIds]);
  const summary = (ref: string | undefined) => {
    const e = ref === undefined ? undefined : seen.get(ref);
    return e === undefined ? null : summaryOf(e.object);
  };
  const confidence = claim?.confidence ?? 0;
  return {
    id,
    stance: claim === undefined ? 'dispute' : 'support',
    confidence,
    confidenceLabel: confidenceLabel(confidence),
    producerOrg: entry.producerOrg ?? null,
    version: entry.version,
    subject: summary(claim?.source_ref),
    attributedTo: summary(claim?.target_ref),
    disputes: dispute?.claims ?? [],
    explanation:
      'explanation' in object && typeof object.explanation === 'string' ? object.explanation : null,
    evidence: [...new Set(evidenceIds)].flatMap((ref) => summary(ref) ?? []),
  };
}
