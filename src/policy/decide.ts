/**
 * The one visibility decision of Accord (DESIGN.md, Visibility): what an organisation may see
 * of one feed entry of one stored version. Pure: same inputs, same answer.
 */
import type { Micros } from '../stix/index.js';
import type { EntryKind } from '../store/index.js';
import { releasedByEntryOnly } from './advisory-embargo.js';
import { combinedEmbargo, objectMarkingRefs } from './embargo.js';
import { redact } from './granular-redaction.js';
import type { SelectorStep } from './granular-selector.js';
import { parseSelector, resolves } from './granular-selector.js';
import { type MarkingMeaning, type MeaningOf, meaningsFor } from './marking-index.js';
import { isRequiredProperty } from './required-properties.js';
import type { SelectorCache } from './selector-cache.js';
import type { PolicyContext, Reader } from './types.js';

/** What the decision looks at: one feed entry of one version, with its object parsed. */
export interface DecisionSubject {
  readonly producerOrg: string;
  /** `local` or `peer:NAME`: with the producer, whose marking definitions count for the object. */
  readonly origin: string;
  /**
   * The version names an id another organisation owns in its collection: only its producer
   * sees it, so that nobody changes what others see of someone else's object (DESIGN.md, Trust).
   */
  readonly contested?: boolean;
  readonly entry: EntryKind;
  readonly dateAdded: Micros;
  readonly object: Readonly<Record<string, unknown>>;
}

/** Hidden; visible as stored; or visible with the content of `removed` selectors taken out (`object`). */
export type Decision =
  | { readonly kind: 'hidden' }
  | { readonly kind: 'visible' }
  | {
      readonly kind: 'redacted';
      readonly removed: readonly string[];
      readonly object: Record<string, unknown>;
    };

const HIDDEN: Decision = Object.freeze({ kind: 'hidden' });
const VISIBLE: Decision = Object.freeze({ kind: 'visible' });
/** Most denying granular markings followed on one object; more hide it (untrusted input). */
const MAX_DENYING_MARKINGS = 1000;

/** Does one marking let the reader see what it marks? `inGroup`: member of an object-level sharing group. */
export function permits(
  m: MarkingMeaning | undefined,
  reader: Reader,
  inGroup: boolean,
  now: Micros,
  granular: boolean,
): boolean {
  if (m === undefined) return false; // unknown definition: fail closed (CONTRACT.md)
  switch (m.kind) {
    case 'tlp':
      // TLP:CLEAR/GREEN/AMBER/AMBER+STRICT: every reader of the collection; RED: producer and group members.
      return m.level !== 'red' || inGroup;
    case 'statement':
      return true;
    case 'group':
      return m.members.has(reader.identityId);
    case 'embargo':
      // Object-level embargoes are decided by feed entry in decide(); a granular one by the clock.
      return !granular || m.cosigners.has(reader.identityId) || now >= m.releaseAt;
    case 'opaque':
      return false;
  }
}

/**
 * How one granular marking stands for a reader: it lets the reader see what it marks
 * (`permits`), does so as a sharing group the reader belongs to (`member`: it also admits the
 * reader to TLP:RED content it covers), hides what it marks (`denies`), or is TLP:RED hiding
 * what it marks unless a `member` group covers the same content (`red`).
 */
export type GranularStanding = 'permits' | 'member' | 'denies' | 'red';

/** How a granular marking stands for `reader`, given object-level group membership. */
export function granularStanding(
  m: MarkingMeaning | undefined,
  reader: Reader,
  inGroup: boolean,
  now: Micros,
): GranularStanding {
  if (m?.kind === 'group') return m.members.has(reader.identityId) ? 'member' : 'denies';
  if (m?.kind === 'tlp' && m.level === 'red' && !inGroup) return 'red';
  return permits(m, reader, inGroup, now, true) ? 'permits' : 'denies';
}

/**
 * Decides what `reader` may see of `subject`. Does not check collection access lists (callers
 * check mayReadCollection first).
 */
export function decide(reader: Reader, subject: DecisionSubject, ctx: PolicyContext): Decision {
  const { object } = subject;
  const refs = objectMarkingRefs(object);
  const level = objectLevel(reader, subject, refs, ctx, releasedByEntryOnly(object));
  if ('kind' in level) return level;
  const meaning = meaningsFor(ctx.markings, subject);
  return granularOutcome(
    object,
    (ref) => granularStanding(meaning(ref), reader, level.inGroup, ctx.now),
    ctx.selectors,
  );
}

/**
 * The part of the decision that the object-level marking refs settle (`refs` undefined: the
 * property is malformed): hidden, visible (the producer's own added entry), or "look at the
 * granular markings", knowing whether the reader is in an object-level sharing group.
 * `byEntryOnly`: the object is a joint advisory or a signature of one (releasedByEntryOnly),
 * whose embargo only a `released` entry lifts, never the clock.
 */
export function objectLevel(
  reader: Reader,
  subject: Omit<DecisionSubject, 'object'>,
  refs: readonly string[] | undefined,
  ctx: PolicyContext,
  byEntryOnly = false,
): Decision | { readonly inGroup: boolean } {
  const producer = subject.producerOrg === reader.orgId;
  if (producer) return subject.entry === 'added' ? VISIBLE : HIDDEN; // the producer already has the added entry
  if (refs === undefined || subject.contested === true) return HIDDEN;
  const meaning: MeaningOf = meaningsFor(ctx.markings, subject);
  const embargo = refs.length > 0 && ctx.markings.hasEmbargo ? combinedEmbargo(refs, meaning) : undefined;
  const cosigner = embargo?.cosigners.has(reader.identityId) ?? false;
  if (subject.entry === 'released') {
    // The second entry is for the rest, once the release instant has passed.
    if (!embargo || cosigner || ctx.now < embargo.releaseAt) return HIDDEN;
  } else if (embargo && !cosigner) {
    // A version added at or after the release time has no released entry: its added entry serves
    // all; but an advisory's added entry never does (ADR 0004: a missed advisory never releases).
    if (byEntryOnly || subject.dateAdded < embargo.releaseAt || ctx.now < embargo.releaseAt) return HIDDEN;
  }
  let inGroup = false;
  for (const id of refs) {
    const m = meaning(id);
    if (m?.kind === 'group' && m.members.has(reader.identityId)) inGroup = true;
  }
  for (const id of refs) {
    if (!permits(meaning(id), reader, inGroup, ctx.now, false)) return HIDDEN;
  }
  return { inGroup };
}

/** A granular marking as granularOutcome weighs it. */
interface GranularEntry {
  readonly standing: GranularStanding;
  readonly selectors: readonly (readonly SelectorStep[])[];
  readonly texts: readonly string[];
}

/** True when `outer` selects `inner` or content that contains it (a prefix of its steps). */
function covers(outer: readonly SelectorStep[], inner: readonly SelectorStep[]): boolean {
  if (outer.length > inner.length) return false;
  for (let i = 0; i < outer.length; i++) if (outer[i] !== inner[i]) return false;
  return true;
}

/**
 * What the granular markings of `object` (spec 7.2.3) leave visible when each marking ref stands
 * for the reader as `standing` says. TLP:RED on some content admits the members of the sharing
 * groups marking the same content (or content containing it), as it does on a whole object; a
 * group covering only part of it lifts nothing (fail closed). The answer depends on the reader
 * only through `standing`, so it can be worked out ahead for every combination of standings.
 */
export function granularOutcome(
  object: Readonly<Record<string, unknown>>,
  standing: (ref: string) => GranularStanding,
  cache?: SelectorCache,
): Decision {
  const parse = (sel: unknown) => (cache === undefined ? parseSelector(sel) : cache.parse(sel));
  const granular = object.granular_markings;
  if (granular === undefined) return VISIBLE;
  if (!Array.isArray(granular)) return HIDDEN;
  const entries: GranularEntry[] = [];
  let denying = 0;
  for (const gm of granular) {
    if (typeof gm !== 'object' || gm === null || Array.isArray(gm)) return HIDDEN;
    const { marking_ref: ref, selectors } = gm as Record<string, unknown>;
    if (ref === undefined) continue; // a language marking (spec 7.2.3 `lang`) does not restrict
    if (typeof ref !== 'string') return HIDDEN;
    const s = standing(ref);
    // A marking that lets the reader see what it marks removes nothing, whatever it selects.
    if (s === 'permits') continue;
    if (!Array.isArray(selectors) || selectors.length === 0) return HIDDEN;
    if (s !== 'member' && ++denying > MAX_DENYING_MARKINGS) return HIDDEN;
    const steps: (readonly SelectorStep[])[] = [];
    for (const sel of selectors) {
      const parsed = parse(sel);
      // A denying marking whose selector cannot be followed might cover anything: fail closed.
      if (parsed === undefined) return HIDDEN;
      if (s !== 'member' && !resolves(object, parsed)) return HIDDEN;
      steps.push(parsed);
    }
    entries.push({ standing: s, selectors: steps, texts: selectors as string[] });
  }
  const admitted = entries.filter((e) => e.standing === 'member').flatMap((e) => e.selectors);
  const paths: (readonly SelectorStep[])[] = [];
  const removed: string[] = [];
  for (const e of entries) {
    if (e.standing === 'member') continue;
    e.selectors.forEach((steps, i) => {
      if (e.standing === 'red' && admitted.some((outer) => covers(outer, steps))) return;
      paths.push(steps);
      removed.push(e.texts[i] as string);
    });
  }
  if (paths.length === 0) return VISIBLE;
  // Redaction can only take top-level keys that start a denied path. When none of them is
  // required the object stays visible, and the redacted copy is made only if someone reads it
  // (a manifest or a count never does).
  if (!paths.some((steps) => isRequiredProperty(object.type, steps[0] as string))) {
    return lazyRedaction(object, paths, removed);
  }
  const redacted = redact(object, paths);
  return redacted ? { kind: 'redacted', removed, object: redacted } : HIDDEN;
}

function lazyRedaction(
  object: Readonly<Record<string, unknown>>,
  paths: readonly (readonly SelectorStep[])[],
  removed: readonly string[],
): Decision {
  let copy: Record<string, unknown> | undefined;
  return {
    kind: 'redacted',
    removed,
    get object() {
      // Never undefined here: no required property is on a denied path.
      copy ??= redact(object, paths) as Record<string, unknown>;
      return copy;
    },
  };
}
