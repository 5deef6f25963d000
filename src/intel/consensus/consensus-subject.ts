/**
 * Consensus on one subject, touching only what bears on it: the subject's group is found by a
 * search from the id through shared keys (the same equivalence classes as the union-find of
 * consensus-all.ts), then only that group's claims, their targets' groups and the disputes that
 * name those claims are read.
 */
import { type ChainedVersion, newestVersion } from '../version-chain.js';
import type { ReadingOptions } from '../version-record.js';
import { componentInfo } from './component-info.js';
import type { Candidate, SubjectConsensus } from './consensus-types.js';
import type { GroupFacts } from './grouping-keys.js';
import type { IndexedClaim, IndexedVersions } from './indexed-versions.js';
import { candidateOf, compareCandidates, PairWords } from './pair-words.js';

/** One group: its member ids, in the order the search found them. */
interface Group {
  readonly members: string[];
}

/** Consensus on the subject `id` belongs to, or undefined when no visible claim supports one. */
export function consensusOfSubject(
  index: IndexedVersions,
  id: string,
  options: ReadingOptions,
): SubjectConsensus | undefined {
  const factsMemo = new Map<string, GroupFacts | undefined>();
  const factsOf = (x: string): GroupFacts | undefined => {
    if (factsMemo.has(x)) return factsMemo.get(x);
    const facts = newestVersion(index.grouped.get(x), options)?.facts;
    factsMemo.set(x, facts);
    return facts;
  };
  const groupOf = new Map<string, Group>();
  const group = (start: string): Group => {
    const known = groupOf.get(start);
    if (known !== undefined) return known;
    const found: Group = { members: [start] };
    groupOf.set(start, found);
    const keysSeen = new Set<string>();
    for (let i = 0; i < found.members.length; i++) {
      for (const key of factsOf(found.members[i] as string)?.keys ?? []) {
        if (keysSeen.has(key)) continue;
        keysSeen.add(key);
        for (const other of index.idsByKey.get(key) ?? []) {
          // The index names every id that ever bore the key; the newest visible version must bear it now.
          if (groupOf.has(other) || !factsOf(other)?.keys.includes(key)) continue;
          groupOf.set(other, found);
          found.members.push(other);
        }
      }
    }
    return found;
  };

  const subject = group(id);
  const pairs = new Map<Group, PairWords>();
  const claims: { id: string; version: ChainedVersion<IndexedClaim>; words: PairWords }[] = [];
  const claimsSeen = new Set<string>();
  for (const member of subject.members) {
    for (const claimId of index.claimsBySubject.get(member) ?? []) {
      if (claimsSeen.has(claimId)) continue;
      claimsSeen.add(claimId);
      const version = newestVersion(index.relationships.get(claimId), options);
      const facts = version?.facts;
      if (
        version === undefined ||
        facts === undefined ||
        groupOf.get(index.ids[facts.subject] as string) !== subject
      )
        continue;
      const target = group(index.ids[facts.target] as string);
      let words = pairs.get(target);
      if (words === undefined) {
        words = new PairWords();
        pairs.set(target, words);
      }
      words.offer(version);
      claims.push({ id: claimId, version, words });
    }
  }
  for (const claim of claims) {
    for (const opinionId of index.disputesByClaim.get(claim.id) ?? []) {
      const version = newestVersion(index.opinions.get(opinionId), options);
      if (version?.facts === undefined || !version.facts.claims.includes(claim.id)) continue;
      claim.words.offer(version);
    }
  }

  const candidates: Candidate[] = [];
  for (const [target, words] of pairs) {
    const candidate = candidateOf(componentInfo(target.members, factsOf), words);
    if (candidate !== undefined) candidates.push(candidate);
  }
  if (candidates.length === 0) return undefined;
  const { refs, name } = componentInfo(subject.members, factsOf);
  return { subject_refs: refs, name, candidates: candidates.sort(compareCandidates) };
}
