/** The store view (store.ts `View`) every read path passes to the store: decide() per row. */
import type { StoredObject, View } from '../store/index.js';
import { decide } from './decide.js';
import type { PolicyContext, Reader } from './types.js';

/**
 * What `reader` may see of a stored row: undefined when hidden, else the object (a new,
 * redacted object when granular markings deny some content). Does not check collection access.
 */
export function viewFor(reader: Reader, ctx: PolicyContext): View<Record<string, unknown>> {
  return (row: StoredObject) => {
    let object: Record<string, unknown>;
    try {
      object = JSON.parse(row.json) as Record<string, unknown>;
    } catch {
      return undefined; // the store only holds parsed JSON; anything else is not shown
    }
    if (typeof object !== 'object' || object === null || Array.isArray(object)) return undefined;
    const d = decide(
      reader,
      { producerOrg: row.producerOrg, entry: row.entry, dateAdded: row.dateAdded, object },
      ctx,
    );
    switch (d.kind) {
      case 'hidden':
        return undefined;
      case 'visible':
        return object;
      case 'redacted':
        return d.object;
    }
  };
}
