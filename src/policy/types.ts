/** Who reads and what a decision needs to know about the node (policy-api.md). */
import type { Micros } from '../stix/index.js';
import type { MarkingIndex } from './marking-index.js';
import type { SelectorCache } from './selector-cache.js';

/** Who is reading: an organisation (slug) and its STIX identity id. */
export interface Reader {
  readonly orgId: string;
  readonly identityId: string;
}

/** Node-wide facts a decision needs, built once per request or sync batch. */
export interface PolicyContext {
  /** From `buildMarkingIndex(…)` (PolicyContexts builds and keeps it). */
  readonly markings: MarkingIndex;
  /** The node's clock, µs since the epoch. */
  readonly now: Micros;
  /** Identity id of an organisation slug (for producer and member comparisons). */
  readonly identityOfOrg: (orgId: string) => string | undefined;
  /** The node's parsed selectors (PolicyContexts gives one); without it, selectors are parsed each time. */
  readonly selectors?: SelectorCache;
}
