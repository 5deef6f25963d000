/**
 * The one visibility decision of Accord (DESIGN.md, Visibility): what an organisation may see
 * of one feed entry of one stored version. Pure: same inputs, same answer.
 */
import type { EntryKind, Micros } from '../store/index.js';
import { combinedEmbargo, objectMarkingRefs } from './embargo.js';
import { redact } from './granular-redaction.js';
import type { SelectorStep } from './granular-selector.js';
import { parseSelector, resolves } from './granular-selector.js';
import type { MarkingMeaning } from './marking-index.js';
import { isRequiredProperty } from './required-properties.js';
import type { PolicyContext, Reader } from './types.js';

/** What the decision looks at: one feed entry of one version, with its object parsed. */
export interface DecisionSubject {
  readonly producerOrg: string;
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
 * Decides what `reader` may see of `subject`. Does not check collection access lists (callers
 * check mayReadCollection first).
 */
export function decide(reader: Reader, subject: DecisionSubject, ctx: PolicyContext): Decision {
  const { object } = subject;
  const refs = objectMarkingRefs(object);
  const level = objectLevel(reader, subject, refs, ctx);
  if ('kind' in level) return level;
  return granularOutcome(
    object,
    (ref) => !permits(ctx.markings.byId.get(ref), reader, level.inGroup, ctx.now, true),
  );
}

/**
 * The part of the decision that the object-level marking refs settle (`refs` undefined: the
 * property is malformed): hidden, visible (the producer's own added entry), or "look at the
 * granular markings", knowing whether the reader is in an object-level sharing group.
 */
export function objectLevel(
  reader: Reader,
  subject: Omit<DecisionSubject, 'object'>,
  refs: readonly string[] | undefined,
  ctx: PolicyContext,
): Decision | { readonly inGroup: boolean } {
  const producer = subject.producerOrg === reader.orgId;
  if (producer) return subject.entry === 'added' ? VISIBLE : HIDDEN; // the producer already has the added entry
  if (refs === undefined) return HIDDEN;
  const index = ctx.markings.byId;
  const embargo =
    refs.length > 0 && ctx.markings.hasEmbargo ? combinedEmbargo(refs, ctx.markings) : undefined;
  const cosigner = embargo?.cosigners.has(reader.identityId) ?? false;
  if (subject.entry === 'released') {
    // The second entry is for the rest, once the release instant has passed.
    if (!embargo || cosigner || ctx.now < embargo.releaseAt) return HIDDEN;
  } else if (embargo && !cosigner) {
    // A version added at or after the release time has no released entry: its added entry serves all.
    if (subject.dateAdded < embargo.releaseAt || ctx.now < embargo.releaseAt) return HIDDEN;
  }
  let inGroup = false;
  for (const id of refs) {
    const m = index.get(id);
    if (m?.kind === 'group' && m.members.has(reader.identityId)) inGroup = true;
  }
  for (const id of refs) {
    if (!permits(index.get(id), reader, inGroup, ctx.now, false)) return HIDDEN;
  }
  return { inGroup };
}

/**
 * What the granular markings of `object` (spec 7.2.3) leave visible when exactly the marking
 * refs `denies` names deny the reader what they mark. The answer depends on the reader only
 * through `denies`, so it can be worked out ahead for every set of denying refs.
 */
export function granularOutcome(
  object: Readonly<Record<string, unknown>>,
  denies: (ref: string) => boolean,
): Decision {
  const granular = object.granular_markings;
  if (granular === undefined) return VISIBLE;
  if (!Array.isArray(granular)) return HIDDEN;
  const paths: (readonly SelectorStep[])[] = [];
  const removed: string[] = [];
  let denying = 0;
  for (const gm of granular) {
    if (typeof gm !== 'object' || gm === null || Array.isArray(gm)) return HIDDEN;
    const { marking_ref: ref, selectors } = gm as Record<string, unknown>;
    if (ref === undefined) continue; // a language marking (spec 7.2.3 `lang`) does not restrict
    if (typeof ref !== 'string') return HIDDEN;
    // A marking that lets the reader see what it marks removes nothing, whatever it selects.
    if (!denies(ref)) continue;
    if (!Array.isArray(selectors) || selectors.length === 0 || ++denying > MAX_DENYING_MARKINGS)
      return HIDDEN;
    for (const sel of selectors) {
      const steps = parseSelector(sel);
      // A denying marking whose selector cannot be followed might cover anything: fail closed.
      if (steps === undefined || !resolves(object, steps)) return HIDDEN;
      paths.push(steps);
      removed.push(sel as string);
    }
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
