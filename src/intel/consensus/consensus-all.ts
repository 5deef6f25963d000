/**
 * Consensus on every subject in one pass: the newest visible version of each indexed object,
 * one union-find over ids and keys (so grouping is an equivalence: transitive, and independent
 * of order), then each organisation's newest word per (subject, target) pair.
 */
import type { ClaimFacts } from '../claims/claim-facts.js';
import type { ChainedVersion } from '../version-chain.js';
import type { ReadingOptions } from '../version-record.js';
import { type ComponentInfo, componentInfo } from './component-info.js';
import type { Candidate, Consensus, SubjectConsensus } from './consensus-types.js';
import type { GroupFacts } from './grouping-keys.js';
import type { IndexedVersions } from './indexed-versions.js';
import { candidateOf, compareCandidates, compareSubjects, PairWords } from './pair-words.js';
import { UnionFind } from './union-find.js';

/** Consensus on every subject the reading may see. */
export function consensusOfAll(index: IndexedVersions, options: ReadingOptions): Consensus {
  const sets = new UnionFind();
  const elementOf = new Map<string, number>();
  const element = (id: string): number => {
    let e = elementOf.get(id);
    if (e === undefined) {
      e = sets.make();
      elementOf.set(id, e);
    }
    return e;
  };

  // Grouped objects: each key joins every object bearing it.
  const factsById = new Map<string, GroupFacts>();
  const elementOfKey = new Map<string, number>();
  for (const [id, chain] of index.grouped) {
    const facts = chain.newest(options)?.facts;
    if (facts === undefined) continue;
    factsById.set(id, facts);
    const e = element(id);
    for (const key of facts.keys) {
      const k = elementOfKey.get(key);
      if (k === undefined) elementOfKey.set(key, e);
      else sets.union(e, k);
    }
  }

  // Claims: the newest visible version of each relationship that is a claim.
  const claims: { id: string; version: ChainedVersion<ClaimFacts>; facts: ClaimFacts }[] = [];
  for (const [id, chain] of index.relationships) {
    const version = chain.newest(options);
    const facts = version?.facts;
    if (version === undefined || facts === undefined) continue;
    element(facts.subject);
    element(facts.target);
    claims.push({ id, version, facts });
  }

  // Words per pair (subject root, target root), the pair numbered root * count + root.
  const count = elementOf.size;
  const pairs = new Map<number, PairWords>();
  const pairOfClaim = new Map<string, PairWords>();
  for (const { id, version, facts } of claims) {
    const key =
      sets.find(elementOf.get(facts.subject) as number) * count +
      sets.find(elementOf.get(facts.target) as number);
    let words = pairs.get(key);
    if (words === undefined) {
      words = new PairWords();
      pairs.set(key, words);
    }
    words.offer(version.record.producer, {
      time: version.time,
      dispute: false,
      id,
      confidence: facts.confidence,
    });
    pairOfClaim.set(id, words);
  }
  for (const [id, chain] of index.opinions) {
    const version = chain.newest(options);
    if (version?.facts === undefined) continue;
    const word = { time: version.time, dispute: true, id, confidence: 0 };
    for (const claim of version.facts.claims) pairOfClaim.get(claim)?.offer(version.record.producer, word);
  }

  // Groups shown: the members of each root that a pair uses.
  const members = new Map<number, string[]>();
  for (const key of pairs.keys()) {
    members.set(Math.floor(key / count), []);
    members.set(key % count, []);
  }
  for (const [id, e] of elementOf) members.get(sets.find(e))?.push(id);
  const infos = new Map<number, ComponentInfo>();
  const info = (root: number): ComponentInfo => {
    let i = infos.get(root);
    if (i === undefined) {
      i = componentInfo(members.get(root) as string[], (id) => factsById.get(id));
      infos.set(root, i);
    }
    return i;
  };

  const bySubject = new Map<number, Candidate[]>();
  for (const [key, words] of pairs) {
    const candidate = candidateOf(info(key % count), words);
    if (candidate === undefined) continue;
    const root = Math.floor(key / count);
    const list = bySubject.get(root);
    if (list === undefined) bySubject.set(root, [candidate]);
    else list.push(candidate);
  }
  const subjects: SubjectConsensus[] = [];
  for (const [root, candidates] of bySubject) {
    const { refs, name } = info(root);
    subjects.push({ subject_refs: refs, name, candidates: candidates.sort(compareCandidates) });
  }
  return { subjects: subjects.sort(compareSubjects) };
}
