/**
 * The fast path of the visibility decision: most stored versions carry only object-level
 * markings, and for them the answer follows from the row's marking refs alone, without parsing
 * the object. `decide` stays the rule; a property test keeps this path agreeing with it.
 */
import type { StoredObject } from '../store/index.js';
import type { PolicyContext, Reader } from './types.js';

/** What the fast path could decide: seen exactly as stored, hidden, or "ask decide()". */
export type FastDecision = 'unchanged' | 'hidden' | undefined;

/**
 * Decides from marking refs alone when that is safe: the reader's own `added` entry, or an
 * `added` entry without granular markings (so every ref is an object-level one) and without
 * an embargo (whose entries decide() handles). Otherwise `undefined`: ask `decide`.
 */
export function fastDecision(reader: Reader, row: StoredObject, ctx: PolicyContext): FastDecision {
  if (row.entry !== 'added') return undefined;
  if (row.producerOrg === reader.orgId) return 'unchanged';
  if (row.markingRefs.length === 0) return 'unchanged';
  // The key can appear in the text only if the object (or something nested in it) has it;
  // a false alarm costs only the slow path.
  if (row.json.includes('"granular_markings"')) return undefined;
  let inGroup = false;
  let redPresent = false;
  let denied = false;
  for (const id of row.markingRefs) {
    const meaning = ctx.markings.byId.get(id);
    switch (meaning?.kind) {
      case 'statement':
        break;
      case 'tlp':
        if (meaning.level === 'red') redPresent = true;
        break;
      case 'group':
        if (meaning.members.has(reader.identityId)) inGroup = true;
        else denied = true;
        break;
      case 'embargo':
        return undefined;
      default:
        denied = true; // unknown or opaque definition: fail closed, as decide() does
    }
  }
  // DESIGN.md: TLP:RED lets only the producer and members of the object's sharing group(s) see it.
  if (denied || (redPresent && !inGroup)) return 'hidden';
  return 'unchanged';
}

/** True when `reader` sees the row exactly as stored, decided without parsing it. */
export function seesUnchanged(reader: Reader, row: StoredObject, ctx: PolicyContext): boolean {
  return fastDecision(reader, row, ctx) === 'unchanged';
}
