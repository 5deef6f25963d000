/**
 * The attribution page's consensus matrix (issue 17): core's attributionConsensus (every claim
 * and dispute the caller's organisation may see) laid out as subjects × organisations, each
 * cell a support (with the claim's confidence and its STIX 2.1 appendix A label) or a dispute.
 */
import type { Organization } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { attributionConsensus } from '../intel/attribution.js';
import type { NodeServices } from '../node/node-services.js';
import { newestVisible } from './newest-visible.js';
import { type ObjectSummary, summaryOf } from './object-summary.js';

/** One cell: an organisation's word on a subject's candidate. */
export interface MatrixCell {
  readonly subject: string;
  /** Identity id of the organisation. */
  readonly org: string;
  readonly stance: 'support' | 'dispute';
  readonly confidence: number;
  readonly confidenceLabel: string;
  readonly claim: string;
  readonly attributedTo: ObjectSummary | null;
}

/** The matrix. */
export interface Matrix {
  readonly subjects: readonly (ObjectSummary & { readonly dissent: boolean })[];
  readonly organisations: readonly Organization[];
  readonly cells: readonly MatrixCell[];
}

/** STIX 2.1 appendix A, the None/Low/Med/High scale (A.1): 0, 1–29, 30–69, 70–100. */
export function confidenceLabel(confidence: number): string {
  if (confidence <= 0) return 'None';
  if (confidence < 30) return 'Low';
  if (confidence < 70) return 'Med';
  return 'High';
}

/** The consensus matrix of what the caller's organisation sees. */
export async function attributionMatrix(node: NodeServices, caller: Caller): Promise<Matrix> {
  const consensus = await attributionConsensus(node, { username: caller.username });
  const firstRefs = consensus.subjects.flatMap((s) => [
    s.subject_refs[0] ?? '',
    ...s.candidates.map((c) => c.target_refs[0] ?? ''),
  ]);
  const seen = await newestVisible(node, caller, firstRefs, false);
  const summary = (id: string | undefined, name: string): ObjectSummary => {
    const entry = id === undefined ? undefined : seen.get(id);
    if (entry !== undefined) return summaryOf(entry.object);
    return { id: id ?? '', type: (id ?? '').split('--')[0] ?? '', name, tlp: null, modified: null };
  };
  const orgsByIdentity = new Map((await node.store.listOrganizations()).map((o) => [o.identityId, o]));
  const involved = new Set<string>();
  const cells: MatrixCell[] = [];
  const subjects = consensus.subjects.map((s) => {
    const subject = summary(s.subject_refs[0], s.name);
    for (const c of s.candidates) {
      const attributedTo = summary(c.target_refs[0], c.name);
      for (const sup of c.supporting) {
        involved.add(sup.org);
        cells.push({
          subject: subject.id,
          org: sup.org,
          stance: 'support',
          confidence: sup.confidence,
          confidenceLabel: confidenceLabel(sup.confidence),
          claim: sup.claim,
          attributedTo,
        });
      }
      for (const d of c.disputing) {
        involved.add(d.org);
        cells.push({
          subject: subject.id,
          org: d.org,
          stance: 'dispute',
          confidence: 0,
          confidenceLabel: confidenceLabel(0),
          claim: d.opinion,
          attributedTo,
        });
      }
    }
    return { ...subject, dissent: s.candidates.some((c) => c.dissent) };
  });
  const organisations = [...involved].map(
    (identityId) => orgsByIdentity.get(identityId) ?? { id: identityId, name: identityId, identityId },
  );
  return { subjects, organisations, cells };
}
