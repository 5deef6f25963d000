/**
 * An index of every version that bears on attribution (claims, disputes, and the objects whose
 * names group subjects and targets), kept by id and by key so that the consensus on one subject
 * touches only that subject's claims, and the consensus on all subjects is one pass. The index
 * holds versions, not conclusions: which version is newest, and who may see it, is decided per
 * reading (ReadingOptions), so one index serves every reader and every `asOf`.
 */
import { type ClaimFacts, claimFacts, type DisputeFacts, disputeFacts } from '../claims/claim-facts.js';
import { VersionChain } from '../version-chain.js';
import type { ReadingOptions, VersionRecord } from '../version-record.js';
import { consensusOfAll } from './consensus-all.js';
import { consensusOfSubject } from './consensus-subject.js';
import type { Consensus, SubjectConsensus } from './consensus-types.js';
import { GROUPED_TYPES, type GroupFacts, groupFacts } from './grouping-keys.js';
import type { IndexedVersions } from './indexed-versions.js';

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

function chainOf<F>(map: Map<string, VersionChain<F>>, id: string): VersionChain<F> {
  let chain = map.get(id);
  if (chain === undefined) {
    chain = new VersionChain<F>();
    map.set(id, chain);
  }
  return chain;
}

/** Versions of relationships, opinions and grouped objects, indexed for consensus readings. */
export class AttributionIndex implements IndexedVersions {
  /** Every relationship version by id; facts where the version is a claim. */
  readonly relationships = new Map<string, VersionChain<ClaimFacts>>();
  /** Every opinion version by id; facts where the version is a dispute. */
  readonly opinions = new Map<string, VersionChain<DisputeFacts>>();
  /** Every version of a grouped type (campaign, intrusion-set, threat-actor, identity) by id. */
  readonly grouped = new Map<string, VersionChain<GroupFacts>>();
  /** Claim ids by the subject any of their claim versions names. */
  readonly claimsBySubject = new Map<string, Set<string>>();
  /** Dispute ids by the claim any of their dispute versions names. */
  readonly disputesByClaim = new Map<string, Set<string>>();
  /** Grouped object ids by the keys any of their versions bears. */
  readonly idsByKey = new Map<string, Set<string>>();

  /** An index of the given versions. */
  static of(records: Iterable<VersionRecord>): AttributionIndex {
    const index = new AttributionIndex();
    for (const r of records) index.add(r);
    return index;
  }

  /** Adds one version (in any order); objects of other types are not kept. */
  add(record: VersionRecord): void {
    const { object } = record;
    const id = object.id;
    if (typeof id !== 'string') return;
    const type = object.type;
    if (type === 'relationship') {
      const facts = claimFacts(object);
      if (chainOf(this.relationships, id).add(record, facts) && facts)
        addTo(this.claimsBySubject, facts.subject, id);
    } else if (type === 'opinion') {
      const facts = disputeFacts(object);
      if (chainOf(this.opinions, id).add(record, facts) && facts)
        for (const claim of facts.claims) addTo(this.disputesByClaim, claim, id);
    } else if (typeof type === 'string' && GROUPED_TYPES.has(type)) {
      const facts = groupFacts(object);
      if (chainOf(this.grouped, id).add(record, facts) && facts)
        for (const key of facts.keys) addTo(this.idsByKey, key, id);
    }
  }

  /** Consensus on every subject the reading may see, in one pass. */
  consensus(options: ReadingOptions = {}): Consensus {
    return consensusOfAll(this, options);
  }

  /**
   * Consensus on the subject that `id` belongs to (any of its ids, names or aliases' objects),
   * touching only its claims; undefined when the reading sees no supported claim on it.
   */
  subject(id: string, options: ReadingOptions = {}): SubjectConsensus | undefined {
    return consensusOfSubject(this, id, options);
  }
}
