/**
 * Counts what the store did with each version an import added: stored new, or found already
 * stored with the same content (`unchanged`). Ingest reports both as successes (TAXII 2.1
 * section 5.5: an exact duplicate is not an error); `accord import` tells them apart.
 */
import type { Store } from '../../store/index.js';

/** A store whose addVersions outcomes are counted, and the counts. */
export interface OutcomeCounter {
  readonly store: Store;
  readonly counts: { new: number; unchanged: number };
}

/** Wraps a store: every call goes to it unchanged, addVersions outcomes are counted on the way back. */
export function outcomeCounter(store: Store): OutcomeCounter {
  const counts = { new: 0, unchanged: 0 };
  const counted: Store['addVersions'] = async (collectionId, versions) => {
    const outcomes = await store.addVersions(collectionId, versions);
    for (const o of outcomes) {
      if (o.status === 'stored') counts.new++;
      else if (o.sameContent) counts.unchanged++;
    }
    return outcomes;
  };
  const wrapped = new Proxy(store, {
    get(target, property) {
      if (property === 'addVersions') return counted;
      const value: unknown = Reflect.get(target, property, target);
      // Methods run on the store itself (its private fields are not the proxy's).
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: wrapped, counts };
}
