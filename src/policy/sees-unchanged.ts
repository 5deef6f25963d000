/**
 * The fast path of the visibility decision: most stored versions carry only permissive
 * markings, and for them the answer follows from the row's marking refs alone, without parsing
 * the object. `decide` stays the rule; a property test keeps this a strict subset of it.
 */
import type { StoredObject } from '../store/index.js';
import type { PolicyContext, Reader } from './types.js';

/**
 * True when `reader` sees the row exactly as stored: its own `added` entry, or an `added` entry
 * whose every marking (object and granular) is known and lets every reader of the collection
 * see it (TLP other than RED, statements). False means "ask `decide`", not "hidden".
 */
export function seesUnchanged(reader: Reader, row: StoredObject, ctx: PolicyContext): boolean {
  if (row.entry !== 'added') return false;
  if (row.producerOrg === reader.orgId) return true;
  for (const id of row.markingRefs) {
    const meaning = ctx.markings.byId.get(id);
    if (meaning?.kind === 'statement') continue;
    if (meaning?.kind === 'tlp' && meaning.level !== 'red') continue;
    return false;
  }
  return true;
}
