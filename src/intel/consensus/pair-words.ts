/**
 * Each organisation's newest word on one (subject, target) pair, and the candidate it makes:
 * an organisation supports with its newest claim; it disputes when its newest word on the pair
 * is a dispute (CONTRACT.md "Attribution and consensus").
 */
import type { DisputeFacts } from '../claims/claim-facts.js';
import type { ChainedVersion } from '../version-chain.js';
import { compareVersionTimes } from '../version-time.js';
import type { Candidate, Disputer, Supporter } from './consensus-types.js';
import type { IndexedClaim } from './indexed-versions.js';

/** A word of an organisation on a pair: the version of its claim or of its dispute. */
export type Word = ChainedVersion<IndexedClaim> | ChainedVersion<DisputeFacts>;

function isDispute(word: Word): boolean {
  return word.record.object.type === 'opinion';
}

function idOf(word: Word): string {
  return word.record.object.id as string;
}

/**
 * Order of words: by version time; at the same instant a dispute is newer than a claim (dissent
 * is never hidden by a tie), then the greater id, so that the choice does not depend on input order.
 */
export function compareWords(a: Word, b: Word): number {
  const byTime = compareVersionTimes(a, b);
  if (byTime !== 0) return byTime;
  const [x, y] = [isDispute(a), isDispute(b)];
  if (x !== y) return x ? 1 : -1;
  const [i, j] = [idOf(a), idOf(b)];
  return i < j ? -1 : i > j ? 1 : 0;
}

/**
 * The newest word of each organisation (the version's producer) on one pair, when more than
 * one organisation spoke (see offerWord).
 */
export class PairWords {
  readonly byOrg = new Map<string, Word>();

  /** Keeps `word` when it is its producer's newest so far. */
  offer(word: Word): void {
    const org = word.record.producer;
    const known = this.byOrg.get(org);
    if (known === undefined || compareWords(known, word) < 0) this.byOrg.set(org, word);
  }
}

/**
 * The words on one pair: the one word itself while a single organisation spoke (most pairs;
 * no allocation), else a PairWords.
 */
export type PairEntry = Word | PairWords;

/** The entry after `word` is offered to `entry` (a new entry when `entry` is undefined). */
export function offerWord(entry: PairEntry | undefined, word: Word): PairEntry {
  if (entry === undefined) return word;
  if (entry instanceof PairWords) {
    entry.offer(word);
    return entry;
  }
  if (entry.record.producer === word.record.producer) return compareWords(entry, word) < 0 ? word : entry;
  const words = new PairWords();
  words.offer(entry);
  words.offer(word);
  return words;
}

function eachWord(entry: PairEntry, fn: (word: Word) => void): void {
  if (entry instanceof PairWords) entry.byOrg.forEach(fn);
  else fn(entry);
}

/** The shared empty list of most candidates (results are read-only). */
const NO_DISPUTE: readonly Disputer[] = Object.freeze([]);

const byOrg = (a: { org: string }, b: { org: string }) => (a.org < b.org ? -1 : a.org > b.org ? 1 : 0);

/** The candidate the words make for a target, or undefined when no organisation supports it. */
export function candidateOf(
  target: { readonly refs: readonly string[]; readonly name: string },
  words: PairEntry,
): Candidate | undefined {
  const supporting: Supporter[] = [];
  let disputing: Disputer[] | undefined;
  let sum = 0;
  eachWord(words, (w) => {
    const org = w.record.producer;
    if (isDispute(w)) {
      disputing ??= [];
      disputing.push({ org, opinion: idOf(w) });
    } else {
      const { confidence } = w.facts as IndexedClaim;
      supporting.push({ org, confidence, claim: idOf(w) });
      sum += confidence;
    }
  });
  if (supporting.length === 0) return undefined;
  if (supporting.length > 1) supporting.sort(byOrg);
  if (disputing !== undefined && disputing.length > 1) disputing.sort(byOrg);
  return {
    target_refs: target.refs,
    name: target.name,
    supporting,
    disputing: disputing ?? NO_DISPUTE,
    mean_confidence: sum / supporting.length,
    dissent: disputing !== undefined,
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
