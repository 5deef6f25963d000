/**
 * Each organisation's newest word on one (subject, target) pair, and the candidate it makes:
 * an organisation supports with its newest claim; it disputes when its newest word on the pair
 * is a dispute (CONTRACT.md "Attribution and consensus").
 */
import { compareVersionTimes, type VersionTime } from '../version-time.js';
import type { Candidate, Disputer, Supporter } from './consensus-types.js';

/** A claim or a dispute by one organisation, at its version time. */
export interface Word {
  readonly time: VersionTime;
  readonly dispute: boolean;
  /** The claim's relationship id or the dispute's opinion id. */
  readonly id: string;
  /** The claim's confidence (0 for a dispute). */
  readonly confidence: number;
}

/**
 * Order of words: by version time; at the same instant a dispute is newer than a claim (dissent
 * is never hidden by a tie), then the greater id, so that the choice does not depend on input order.
 */
export function compareWords(a: Word, b: Word): number {
  const byTime = compareVersionTimes(a.time, b.time);
  if (byTime !== 0) return byTime;
  if (a.dispute !== b.dispute) return a.dispute ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The newest word of each organisation on one pair. */
export class PairWords {
  readonly byOrg = new Map<string, Word>();

  /** Keeps `word` when it is the organisation's newest so far. */
  offer(org: string, word: Word): void {
    const known = this.byOrg.get(org);
    if (known === undefined || compareWords(known, word) < 0) this.byOrg.set(org, word);
  }
}

const byOrg = (a: { org: string }, b: { org: string }) => (a.org < b.org ? -1 : a.org > b.org ? 1 : 0);

/** The candidate the words make for a target, or undefined when no organisation supports it. */
export function candidateOf(
  target: { readonly refs: readonly string[]; readonly name: string },
  words: PairWords,
): Candidate | undefined {
  const supporting: Supporter[] = [];
  const disputing: Disputer[] = [];
  let sum = 0;
  for (const [org, w] of words.byOrg) {
    if (w.dispute) disputing.push({ org, opinion: w.id });
    else {
      supporting.push({ org, confidence: w.confidence, claim: w.id });
      sum += w.confidence;
    }
  }
  if (supporting.length === 0) return undefined;
  supporting.sort(byOrg);
  disputing.sort(byOrg);
  return {
    target_refs: target.refs,
    name: target.name,
    supporting,
    disputing,
    mean_confidence: sum / supporting.length,
    dissent: disputing.length > 0,
  };
}

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Candidates: most supporting organisations first; then higher mean confidence, fewer
 * disputing organisations, name (case-insensitive, then exact) and first target id.
 */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    b.supporting.length - a.supporting.length ||
    b.mean_confidence - a.mean_confidence ||
    a.disputing.length - b.disputing.length ||
    text(a.name.toLowerCase(), b.name.toLowerCase()) ||
    text(a.name, b.name) ||
    text(a.target_refs[0] ?? '', b.target_refs[0] ?? '')
  );
}

/** Subjects: by name (case-insensitive, then exact), then first subject id. */
export function compareSubjects(
  a: { readonly name: string; readonly subject_refs: readonly string[] },
  b: { readonly name: string; readonly subject_refs: readonly string[] },
): number {
  return (
    text(a.name.toLowerCase(), b.name.toLowerCase()) ||
    text(a.name, b.name) ||
    text(a.subject_refs[0] ?? '', b.subject_refs[0] ?? '')
  );
}
