/** The store view (store.ts `View`) every read path passes to the store: decide() per row. */
import { isRecord, type ValidatedObject } from '../stix/index.js';
import type { StoredObject, View } from '../store/index.js';
import { type Decision, decide } from './decide.js';
import { storedObject } from './stored-object.js';
import type { PolicyContext, Reader } from './types.js';

const HIDDEN: Decision = Object.freeze({ kind: 'hidden' });

/** The row's decision and its parsed object (undefined when the text is not a JSON object). */
function parseAndDecide(
  reader: Reader,
  row: StoredObject,
  ctx: PolicyContext,
): { readonly decision: Decision; readonly object?: ValidatedObject } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.json);
  } catch {
    return { decision: HIDDEN };
  }
  // The store only holds parsed objects; anything else is not shown.
  if (!isRecord(parsed)) return { decision: HIDDEN };
  const object = storedObject(parsed);
  const subject = {
    producerOrg: row.producerOrg,
    origin: row.origin,
    contested: row.contested === true,
    entry: row.entry,
    dateAdded: row.dateAdded,
    object,
  };
  return { decision: decide(reader, subject, ctx), object };
}

/**
 * What `reader` may see of a stored row (does not check collection access): hidden, visible
 * exactly as stored (`row.json`), or redacted (the copy is made when `object` is first read).
 */
export function decideStored(reader: Reader, row: StoredObject, ctx: PolicyContext): Decision {
  return parseAndDecide(reader, row, ctx).decision;
}

/**
 * What `reader` may see of a stored row: undefined when hidden, else the object (a new,
 * redacted object when granular markings deny some content). Does not check collection access.
 */
export function viewFor(reader: Reader, ctx: PolicyContext): View<ValidatedObject> {
  return (row: StoredObject) => {
    const { decision, object } = parseAndDecide(reader, row, ctx);
    switch (decision.kind) {
      case 'hidden':
        return undefined;
      case 'visible':
        return object;
      case 'redacted':
        return storedObject(decision.object);
    }
  };
}
