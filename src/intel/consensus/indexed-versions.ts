/** The maps of an AttributionIndex that consensus readings walk (kept apart to avoid an import cycle). */
import type { ClaimFacts, DisputeFacts } from '../claims/claim-facts.js';
import type { VersionChain } from '../version-chain.js';
import type { GroupFacts } from './grouping-keys.js';

/** Versions by id and the key indexes over them. */
export interface IndexedVersions {
  readonly relationships: ReadonlyMap<string, VersionChain<ClaimFacts>>;
  readonly opinions: ReadonlyMap<string, VersionChain<DisputeFacts>>;
  readonly grouped: ReadonlyMap<string, VersionChain<GroupFacts>>;
  readonly claimsBySubject: ReadonlyMap<string, ReadonlySet<string>>;
  readonly disputesByClaim: ReadonlyMap<string, ReadonlySet<string>>;
  readonly idsByKey: ReadonlyMap<string, ReadonlySet<string>>;
}
