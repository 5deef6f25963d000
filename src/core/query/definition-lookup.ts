/**
 * Marking definitions a node defines reach every peer that receives an object using them
 * (DESIGN.md, Trust). `accord group add` and `embargo add` keep their definitions outside every
 * collection, so the object endpoint (TAXII 2.1 section 5.6) also answers the id of a known
 * definition that a version the caller sees in the collection references, and that counts for
 * that version: a pulling peer fetches it like any object. Nobody learns a definition by naming
 * its id: without such a version the answer is the same 404 as for an unknown id.
 */
import { meaningsFor, parseStoredObject, type ReaderPlan } from '../../policy/index.js';
import { versionOf } from '../../stix/index.js';
import type { Store, StoredObject } from '../../store/index.js';
import type { VisibleEntry } from './query-objects.js';

/** Does the plan's reader see the version through either of its feed entries? */
export function seesVersion(plan: ReaderPlan, row: StoredObject): boolean {
  if (plan.see(row) !== undefined) return true;
  // An embargoed version reaches others through its released entry once released.
  return plan.see({ ...row, entry: 'released', dateAdded: plan.ctx.now }) !== undefined;
}

/** The known definition `id` as the reader may fetch it from `collectionId`, if a visible version there uses it. */
export async function definitionEntry(
  store: Store,
  plan: ReaderPlan,
  collectionId: string,
  id: string,
): Promise<VisibleEntry | undefined> {
  if (!id.startsWith('marking-definition--')) return undefined;
  const known = (await store.listMarkingDefinitions()).get(id);
  if (known === undefined) return undefined;
  const users = (await store.findByMarking(id)).filter(
    (row) =>
      row.collectionId === collectionId &&
      meaningsFor(plan.ctx.markings, row)(id) !== undefined &&
      seesVersion(plan, row),
  );
  const first = users.sort((a, b) => a.dateAdded - b.dateAdded)[0];
  if (first === undefined) return undefined;
  const object = parseStoredObject(known.json);
  return {
    id,
    version: versionOf(object) ?? '',
    specVersion: typeof object.spec_version === 'string' ? object.spec_version : '2.1',
    // The caller already knows this instant: that of the first version it sees that uses it.
    dateAdded: first.dateAdded,
    object,
    json: known.json,
  };
}
