/**
 * What the use cases of one node share: its store, its policy contexts (built once per node by
 * the composition root, never module state) and its clock.
 */
import { PolicyContexts } from '../../policy/index.js';
import { type MicrosClock, nowMicros } from '../../stix/index.js';
import type { Store } from '../../store/index.js';

/** The services of one node. */
export interface NodeServices {
  readonly store: Store;
  readonly policy: PolicyContexts;
  /** The node's clock, µs since the epoch. */
  readonly now: MicrosClock;
}

/** The services of a node over `store`; pass `policy` to share one PolicyContexts. */
export function nodeServices(
  store: Store,
  options: { readonly policy?: PolicyContexts; readonly now?: MicrosClock } = {},
): NodeServices {
  return { store, policy: options.policy ?? new PolicyContexts(store), now: options.now ?? nowMicros };
}
