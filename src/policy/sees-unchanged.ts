/**
 * The fast path of the visibility decision: most stored versions carry only object-level
 * markings, and for them the answer follows from the row's marking refs alone, without parsing
 * the object. `decide` stays the rule; a property test keeps this path agreeing with it.
 */
import type { MarkingFacts, RowClass, StoredObject } from '../store/index.js';
import { auditLevelOf } from './audit-level.js';
import { type MarkingIndex, type MarkingSubject, type MeaningOf, meaningsFor } from './marking-index.js';
import type { PolicyContext, Reader } from './types.js';

/** What the fast path could decide: seen exactly as stored, hidden, or "ask decide()". */
export type FastDecision = 'unchanged' | 'hidden' | undefined;

/**
 * What a set of marking refs means for one reader, before looking at the row's text:
 * `open` — every marking lets every reader of the collection see what it marks, wherever it is
 * applied (object or granular), so nothing is hidden; `seen` / `denied` — the answer if all refs
 * are object-level; `ask` — an embargo, which decide() handles by feed entry.
 */
type RefsVerdict = 'open' | 'seen' | 'denied' | 'ask';

function verdictOf(reader: Reader, refs: readonly string[], meaningOf: MeaningOf): RefsVerdict {
  let restrictive = false;
  let inGroup = false;
  let redPresent = false;
  let denied = false;
  for (const id of refs) {
    const meaning = meaningOf(id);
    switch (meaning?.kind) {
      case 'statement':
        break;
      case 'tlp':
        if (meaning.level === 'red') redPresent = restrictive = true;
        break;
      case 'group':
        restrictive = true;
        if (meaning.members.has(reader.identityId)) inGroup = true;
        else denied = true;
        break;
      case 'embargo':
        return 'ask';
      default:
        denied = restrictive = true; // unknown or opaque definition: fail closed, as decide() does
    }
  }
  if (!restrictive) return 'open';
  // DESIGN.md: TLP:RED lets only the producer and members of the object's sharing group(s) see it.
  return denied || (redPresent && !inGroup) ? 'denied' : 'seen';
}

function decideFrom(verdict: RefsVerdict, row: StoredObject): FastDecision {
  if (verdict === 'open') return 'unchanged';
  if (verdict === 'ask') return undefined;
  // Restrictive markings may be granular ones, which decide() weighs per property. Unless the
  // store says, look in the text: the key can appear there only if the object (or something
  // nested in it) has it; a false alarm costs only the slow path.
  if (row.granular ?? row.json.includes('"granular_markings"')) return undefined;
  return verdict === 'seen' ? 'unchanged' : 'hidden';
}

/**
 * Decides from marking refs alone when that is safe: the reader's own `added` entry, an `added`
 * entry whose markings all let every reader of the collection see what they mark, or an `added`
 * entry without granular markings (so every ref is an object-level one) and without an embargo
 * (whose entries decide() handles). Otherwise `undefined`: ask `decide`.
 */
export function fastDecision(reader: Reader, row: StoredObject, ctx: PolicyContext): FastDecision {
  return decideRow(reader, row, (refs, subject) =>
    verdictOf(reader, refs, meaningsFor(ctx.markings, subject)),
  );
}

function decideRow(
  reader: Reader,
  row: StoredObject,
  verdictFor: (refs: readonly string[], subject: MarkingSubject) => RefsVerdict,
): FastDecision {
  if (row.entry !== 'added') return undefined;
  if (row.producerOrg === reader.orgId) return 'unchanged';
  // Another organisation's version of an id it does not own: its producer's alone (DESIGN.md, Trust).
  if (row.contested === true) return 'hidden';
  if (row.markingRefs.length === 0) return 'unchanged';
  return decideFrom(verdictFor(row.markingRefs, row), row);
}

const MAX_REMEMBERED_REF_SETS = 1024;

/** The key of the sources a verdict depends on: none when every definition is the node's own. */
function subjectKey(markings: MarkingIndex, subject: MarkingSubject): string {
  return markings.allNodeDefined ? '' : `${subject.producerOrg}\n${subject.origin}`;
}

/**
 * fastDecision for many rows of one reader and context: stores share one marking-refs array
 * between the rows of one marking combination, so the meaning of each array is worked out once
 * (per producer and origin, when definitions from several sources are known).
 */
export function fastDecider(reader: Reader, ctx: PolicyContext): (row: StoredObject) => FastDecision {
  const verdicts = new Map<readonly string[], Map<string, RefsVerdict>>();
  const verdictFor = (refs: readonly string[], subject: MarkingSubject): RefsVerdict => {
    let bySubject = verdicts.get(refs);
    if (bySubject === undefined) {
      bySubject = new Map();
      if (verdicts.size < MAX_REMEMBERED_REF_SETS) verdicts.set(refs, bySubject);
    }
    const key = subjectKey(ctx.markings, subject);
    let verdict = bySubject.get(key);
    if (verdict === undefined) {
      verdict = verdictOf(reader, refs, meaningsFor(ctx.markings, subject));
      bySubject.set(key, verdict);
    }
    return verdict;
  };
  return (row) => decideRow(reader, row, verdictFor);
}

/** True when `reader` sees the row exactly as stored, decided without parsing it. */
export function seesUnchanged(reader: Reader, row: StoredObject, ctx: PolicyContext): boolean {
  return fastDecision(reader, row, ctx) === 'unchanged';
}

const CLASS_OF_VERDICT: Readonly<Record<RefsVerdict, RowClass['kind']>> = {
  open: 'shown',
  seen: 'shownUnlessGranular',
  denied: 'hiddenUnlessGranular',
  ask: 'ask',
};

/**
 * fastDecision for every `added` entry of one marking combination at once, for a store that
 * applies it in bulk: the same answers (`shown` where fastDecision says unchanged whatever the
 * granular flag; `...UnlessGranular` where the answer holds for rows without granular markings;
 * `ask` where it leaves the row to decide()), and whether a read is audited (the restrictive
 * TLP level of the combination's markings, as the read path records it).
 */
export function rowClasses(reader: Reader, ctx: PolicyContext): (facts: MarkingFacts) => RowClass {
  // The answer depends only on the reader and the marking index (not on the clock): one
  // function per pair, kept with the index, so that a store may keep what it derived from it.
  const memo = ctx.markings.readerClasses;
  const key = `${reader.orgId}\n${reader.identityId}`;
  let classOf = memo.get(key);
  if (classOf === undefined) {
    if (memo.size >= MAX_REMEMBERED_READERS) memo.clear();
    classOf = classesOf(reader, ctx.markings);
    memo.set(key, classOf);
  }
  return classOf;
}

const MAX_REMEMBERED_READERS = 1024;

function classesOf(reader: Reader, markings: MarkingIndex): (facts: MarkingFacts) => RowClass {
  return (facts) => {
    const audited = auditLevelOf({ object_marking_refs: facts.markingRefs }, markings) !== undefined;
    if (facts.producerOrg === reader.orgId || facts.markingRefs.length === 0)
      return { kind: 'shown', audited };
    const verdict = verdictOf(reader, facts.markingRefs, meaningsFor(markings, facts));
    return { kind: CLASS_OF_VERDICT[verdict], audited };
  };
}
