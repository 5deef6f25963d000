/**
 * Consensus on every subject in one pass: the newest visible version of each indexed object,
 * one union-find over the index's slots joined through shared keys (so grouping is an
 * equivalence: transitive, and independent of order), then each organisation's newest word
 * per (subject, target) pair, subject by subject.
 */
import { newestVersion } from '../version-chain.js';
import type { ReadingOptions } from '../version-record.js';
import { type ComponentInfo, componentInfo } from './component-info.js';
import type { Candidate, Consensus, SubjectConsensus } from './consensus-types.js';
import type { GroupFacts } from './grouping-keys.js';
import type { IndexedVersions } from './indexed-versions.js';
import {
  candidateOf,
  compareCandidates,
  compareSubjects,
  offerWord,
  type PairEntry,
  type Word,
} from './pair-words.js';
import { UnionFind } from './union-find.js';

/** The words on one subject's pairs: target group roots and words, side by side. */
interface Bucket {
  readonly targets: number[];
  readonly words: Word[];
}

/** The candidates of one subject: the words of its bucket folded per target. */
function candidatesOf(bucket: Bucket, info: (root: number) => ComponentInfo): Candidate[] {
  // Most subjects have few targets: a short list beats a map.
  const targets: number[] = [];
  const entries: PairEntry[] = [];
  const at = bucket.targets.length > 64 ? new Map<number, number>() : undefined;
  for (let i = 0; i < bucket.targets.length; i++) {
    const target = bucket.targets[i] as number;
    const word = bucket.words[i] as Word;
    const j = at ? (at.get(target) ?? -1) : targets.indexOf(target);
    if (j < 0) {
      at?.set(target, targets.length);
      targets.push(target);
      entries.push(word);
    } else entries[j] = offerWord(entries[j], word);
  }
  const candidates: Candidate[] = [];
  for (let j = 0; j < targets.length; j++) {
    const candidate = candidateOf(info(targets[j] as number), entries[j] as PairEntry);
    if (candidate !== undefined) candidates.push(candidate);
  }
  return candidates.length > 1 ? candidates.sort(compareCandidates) : candidates;
}

/** Consensus on every subject the reading may see. */
export function consensusOfAll(index: IndexedVersions, options: ReadingOptions): Consensus {
  const n = index.ids.length;
  const sets = new UnionFind(n);
  // Members of groups: visible grouped objects and the ends of counted claims.
  const member = new Uint8Array(n);
  const factsBySlot: (GroupFacts | undefined)[] = new Array(n);

  // Grouped objects: each key joins every object bearing it. All joins happen here, so the
  // roots found below never change.
  const slotOfKey = new Map<string, number>();
  for (const [id, versions] of index.grouped) {
    const facts = newestVersion(versions, options)?.facts;
    if (facts === undefined) continue;
    const slot = index.slotOf.get(id) as number;
    factsBySlot[slot] = facts;
    member[slot] = 1;
    for (const key of facts.keys) {
      const other = slotOfKey.get(key);
      if (other === undefined) slotOfKey.set(key, slot);
      else sets.union(slot, other);
    }
  }

  // Claims (the newest visible version of each relationship that is a claim) and disputes
  // (a word on the pair of each counted claim they name), bucketed by subject group.
  const buckets = new Map<number, Bucket>();
  const put = (subject: number, target: number, word: Word) => {
    const root = sets.find(subject);
    const bucket = buckets.get(root);
    if (bucket === undefined) buckets.set(root, { targets: [sets.find(target)], words: [word] });
    else {
      bucket.targets.push(sets.find(target));
      bucket.words.push(word);
    }
  };
  for (const versions of index.relationships.values()) {
    const version = newestVersion(versions, options);
    const facts = version?.facts;
    if (version === undefined || facts === undefined) continue;
    member[facts.subject] = 1;
    member[facts.target] = 1;
    put(facts.subject, facts.target, version);
  }
  for (const versions of index.opinions.values()) {
    const version = newestVersion(versions, options);
    if (version?.facts === undefined) continue;
    for (const claimId of version.facts.claims) {
      const claim = newestVersion(index.relationships.get(claimId), options)?.facts;
      if (claim !== undefined) put(claim.subject, claim.target, version);
    }
  }

  // The members of groups larger than one (most groups are one object).
  const membersOf = new Map<number, string[]>();
  for (let slot = 0; slot < n; slot++) {
    if (member[slot] === 0) continue;
    const root = sets.find(slot);
    if (sets.sizeOf(root) === 1) continue;
    const list = membersOf.get(root);
    if (list === undefined) membersOf.set(root, [index.ids[slot] as string]);
    else list.push(index.ids[slot] as string);
  }
  const factsOf = (id: string) => factsBySlot[index.slotOf.get(id) as number];
  const infos = new Map<number, ComponentInfo>();
  const info = (root: number): ComponentInfo => {
    let i = infos.get(root);
    if (i === undefined) {
      i = componentInfo(membersOf.get(root) ?? [index.ids[root] as string], factsOf);
      infos.set(root, i);
    }
    return i;
  };

  const subjects: SubjectConsensus[] = [];
  for (const [root, bucket] of buckets) {
    const candidates = candidatesOf(bucket, info);
    if (candidates.length === 0) continue;
    const { refs, name } = info(root);
    subjects.push({ subject_refs: refs, name, candidates });
  }
  return { subjects: subjects.sort(compareSubjects) };
}
