/**
 * Granular views: what a version with granular markings shows for every set of its granular
 * marking refs that deny, worked out once when it is stored instead of on every read (parsing,
 * redacting and serialising such a version cost several times its plain read). `decide` stays
 * the rule: a view is `granularOutcome` for one set of denying refs, and the read picks the set
 * this reader's markings deny. A property test keeps decideByViews agreeing with decide.
 */
import { canonicalJson } from '../stix/index.js';
import type { GranularView, GranularViews } from '../store/index.js';
import { refsOf } from './audit-level.js';
import {
  type Decision,
  type DecisionSubject,
  type GranularStanding,
  granularOutcome,
  granularStanding,
  objectLevel,
} from './decide.js';
import { objectMarkingRefs } from './embargo.js';
import { meaningsFor } from './marking-index.js';
import type { PolicyContext, Reader } from './types.js';

/** More distinct granular refs than this and the views (2^n) are not worth keeping: decide() reads. */
export const MAX_VIEW_REFS = 3;

function viewOf(decision: Decision): GranularView {
  if (decision.kind === 'hidden') return { outcome: 'hidden' };
  if (decision.kind === 'visible') return { outcome: 'visible' };
  return {
    outcome: 'redacted',
    json: canonicalJson(decision.object),
    markingRefs: [...new Set(refsOf(decision.object))],
  };
}

/**
 * The views of an object with granular markings, or undefined when it has none, when its
 * object_marking_refs are malformed, or when it has more than MAX_VIEW_REFS distinct granular refs.
 */
export function granularViewsOf(object: Readonly<Record<string, unknown>>): GranularViews | undefined {
  const granular = object.granular_markings;
  const objectRefs = objectMarkingRefs(object);
  if (!Array.isArray(granular) || objectRefs === undefined) return undefined;
  const granularRefs: string[] = [];
  for (const gm of granular) {
    const ref = (gm as { marking_ref?: unknown } | null)?.marking_ref;
    if (typeof ref === 'string' && !granularRefs.includes(ref)) granularRefs.push(ref);
  }
  if (granularRefs.length > MAX_VIEW_REFS) return undefined;
  const views: GranularView[] = [];
  for (let mask = 0; mask < 1 << granularRefs.length; mask++) {
    const denied = new Set(granularRefs.filter((_, i) => (mask & (1 << i)) !== 0));
    views.push(viewOf(granularOutcome(object, (ref) => (denied.has(ref) ? 'denies' : 'permits'))));
  }
  return { objectRefs: [...objectRefs], granularRefs, views };
}

/** What decideByViews answers: as decide(), with a redacted version's text and refs instead of its object. */
export type ViewDecision =
  | { readonly kind: 'hidden' }
  | { readonly kind: 'visible' }
  | { readonly kind: 'redacted'; readonly json: string; readonly markingRefs: readonly string[] };

const HIDDEN: ViewDecision = Object.freeze({ kind: 'hidden' });
const VISIBLE: ViewDecision = Object.freeze({ kind: 'visible' });

/**
 * decide() for a version stored with its granular views: the object-level refs settle it, or
 * the view of the granular refs this reader is denied does, without parsing the object.
 * Undefined when the views cannot tell: granular TLP:RED that a granular sharing group of the
 * reader may lift, which depends on the selectors (decide() weighs it).
 */
export function decideByViews(
  reader: Reader,
  subject: Omit<DecisionSubject, 'object'>,
  views: GranularViews,
  ctx: PolicyContext,
): ViewDecision | undefined {
  const level = objectLevel(reader, subject, views.objectRefs, ctx);
  // Past an embargo's release time, whether an added entry shows depends on the object's text
  // (an advisory's never does: releasedByEntryOnly), which the views do not record: decide() reads it.
  if (!('kind' in level) && 'kind' in objectLevel(reader, subject, views.objectRefs, ctx, true))
    return undefined;
  if ('kind' in level) return level.kind === 'visible' ? VISIBLE : HIDDEN;
  const meaning = meaningsFor(ctx.markings, subject);
  let mask = 0;
  const standings = new Set<GranularStanding>();
  for (let i = 0; i < views.granularRefs.length; i++) {
    const standing = granularStanding(
      meaning(views.granularRefs[i] as string),
      reader,
      level.inGroup,
      ctx.now,
    );
    standings.add(standing);
    if (standing === 'denies' || standing === 'red') mask |= 1 << i;
  }
  if (standings.has('red') && standings.has('member')) return undefined;
  const view = views.views[mask];
  // A view list that does not cover every mask is not the policy's: show nothing.
  if (view === undefined || view.outcome === 'hidden') return HIDDEN;
  if (view.outcome === 'visible') return VISIBLE;
  return { kind: 'redacted', json: view.json, markingRefs: view.markingRefs };
}
