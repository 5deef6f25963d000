/** The maps of an AttributionIndex that consensus readings walk (kept apart to avoid an import cycle). */
import type { DisputeFacts } from '../claims/claim-facts.js';
import type { Versions } from '../version-chain.js';
import type { GroupFacts } from './grouping-keys.js';

/** A claim version as the index keeps it: subject and target by slot (see `slotOf`), and the confidence. */
export interface IndexedClaim {
  readonly subject: number;
  readonly target: number;
  readonly confidence: number;
}

/** Versions by id and the key indexes over them. */
export interface IndexedVersions {
  /** Dense numbers (slots) of every claim end and grouped object id. */
  readonly slotOf: ReadonlyMap<string, number>;
  readonly ids: readonly string[];
  readonly relationships: ReadonlyMap<string, Versions<IndexedClaim>>;
  readonly opinions: ReadonlyMap<string, Versions<DisputeFacts>>;
  readonly grouped: ReadonlyMap<string, Versions<GroupFacts>>;
  readonly claimsBySubject: ReadonlyMap<string, readonly string[]>;
  readonly disputesByClaim: ReadonlyMap<string, readonly string[]>;
  readonly idsByKey: ReadonlyMap<string, readonly string[]>;
}
