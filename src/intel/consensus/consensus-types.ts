/** The shape of `accord attribution consensus --json` (CONTRACT.md "Attribution and consensus"). */

/** An organisation supporting a candidate with its newest claim. */
export interface Supporter {
  /** Identity id of the organisation (the claim's producer). */
  readonly org: string;
  readonly confidence: number;
  /** The relationship id of its newest claim on the pair. */
  readonly claim: string;
}

/** An organisation whose newest word on the pair is a dispute. */
export interface Disputer {
  readonly org: string;
  /** The opinion id of that dispute. */
  readonly opinion: string;
}

/** One target a subject is attributed to, with who supports and who disputes it. */
export interface Candidate {
  readonly target_refs: readonly string[];
  readonly name: string;
  readonly supporting: readonly Supporter[];
  readonly disputing: readonly Disputer[];
  /** Mean confidence over the supporting claims. */
  readonly mean_confidence: number;
  /** True when any organisation disputes. */
  readonly dissent: boolean;
}

/** One subject (a group of objects) and its candidates, most supporting organisations first. */
export interface SubjectConsensus {
  readonly subject_refs: readonly string[];
  readonly name: string;
  readonly candidates: readonly Candidate[];
}

/** Consensus over every subject a reader may see. */
export interface Consensus {
  readonly subjects: readonly SubjectConsensus[];
}
