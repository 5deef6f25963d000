/**
 * An index of every version that bears on attribution (claims, disputes, and the objects whose
 * names group subjects and targets), kept by id and by key so that the consensus on one subject
 * touches only that subject's claims, and the consensus on all subjects is one pass. The index
 * holds versions, not conclusions: which version is newest, and who may see it, is decided per
 * reading (ReadingOptions), so one index serves every reader and every `asOf`.
 */
import { claimFacts, type DisputeFacts, disputeFacts } from '../claims/claim-facts.js';
import { addVersion, type Versions } from '../version-chain.js';
import type { ReadingOptions, VersionRecord } from '../version-record.js';
import { consensusOfAll } from './consensus-all.js';
import { consensusOfSubject } from './consensus-subject.js';
import type { Consensus, SubjectConsensus } from './consensus-types.js';
import { GROUPED_TYPES, type GroupFacts, groupFacts } from './grouping-keys.js';
import type { IndexedClaim, IndexedVersions } from './indexed-versions.js';

/**
 * Lists `id` under `key`. Versions of one object mostly arrive together, so a repeat is caught
 * by looking at the last entry; a rarer repeat is harmless (readings skip ids already seen).
 */
function addTo(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [id]);
  else if (list[list.length - 1] !== id) list.push(id);
}

/** Versions of relationships, opinions and grouped objects, indexed for consensus readings. */
export class AttributionIndex implements IndexedVersions {
  /** Every id a claim names or a grouped object has, numbered densely (its slot). */
  readonly slotOf = new Map<string, number>();
  /** The id of each slot. */
  readonly ids: string[] = [];
  /** Every relationship version by id; facts where the version is a claim. */
  readonly relationships = new Map<string, Versions<IndexedClaim>>();
  /** Every opinion version by id; facts where the version is a dispute. */
  readonly opinions = new Map<string, Versions<DisputeFacts>>();
  /** Every version of a grouped type (campaign, intrusion-set, threat-actor, identity) by id. */
  readonly grouped = new Map<string, Versions<GroupFacts>>();
  /** Claim ids by the subject any of their claim versions names. */
  readonly claimsBySubject = new Map<string, string[]>();
  /** Dispute ids by the claim any of their dispute versions names. */
  readonly disputesByClaim = new Map<string, string[]>();
  /** Grouped object ids by the keys any of their versions bears. */
  readonly idsByKey = new Map<string, string[]>();

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
      const claim = claimFacts(object);
      const facts = claim && {
        subject: this.slot(claim.source_ref),
        target: this.slot(claim.target_ref),
        confidence: claim.confidence,
      };
      if (addVersion(this.relationships, id, record, facts) && claim)
        addTo(this.claimsBySubject, claim.source_ref, id);
    } else if (type === 'opinion') {
      const facts = disputeFacts(object);
      if (addVersion(this.opinions, id, record, facts) && facts)
        for (const claim of facts.claims) addTo(this.disputesByClaim, claim, id);
    } else if (typeof type === 'string' && GROUPED_TYPES.has(type)) {
      const facts = groupFacts(object);
      this.slot(id);
      if (addVersion(this.grouped, id, record, facts) && facts)
        for (const key of facts.keys) addTo(this.idsByKey, key, id);
    }
  }

  /** The slot of an id, numbering it when new. */
  slot(id: string): number {
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.ids.push(id);
      this.slotOf.set(id, slot);
    }
    return slot;
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
