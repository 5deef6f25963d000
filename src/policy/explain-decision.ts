/**
 * Why a reader may or may not see a version (`GET /api/objects/ID/access`): the verdict is
 * decide()'s own, and the reasons name the rules the same steps weigh (ownership, embargo, each
 * object marking, granular markings), in the order decide() applies them. Nothing here decides.
 */
import { formatMicros } from '../stix/index.js';
import { releasedByEntryOnly } from './advisory-embargo.js';
import { type DecisionSubject, decide, permits } from './decide.js';
import { combinedEmbargo, objectMarkingRefs } from './embargo.js';
import { type MarkingMeaning, meaningsFor } from './marking-index.js';
import type { PolicyContext, Reader } from './types.js';

/** decide()'s verdict and the rules behind it, as sentences. */
export interface Explanation {
  readonly kind: 'hidden' | 'visible' | 'redacted';
  readonly reasons: readonly string[];
}

function markingSentence(
  m: MarkingMeaning | undefined,
  ref: string,
  allowed: boolean,
  inGroup: boolean,
): string {
  if (m === undefined) return `${ref} is an unknown or untrusted marking definition: hidden (fail closed)`;
  switch (m.kind) {
    case 'tlp':
      if (m.level !== 'red') return `TLP:${m.level.toUpperCase()} lets every reader of the collection see it`;
      return inGroup
        ? 'TLP:RED: seen as a member of a sharing group that marks it'
        : 'TLP:RED: only the producer and members of a sharing group marking it see it';
    case 'statement':
      return 'a statement marking restricts nobody';
    case 'group':
      return allowed ? `member of the sharing group ${ref}` : `not a member of the sharing group ${ref}`;
    case 'embargo':
      return `under the embargo ${ref}`;
    case 'opaque':
      return `${ref} is a marking definition of unknown meaning: hidden (fail closed)`;
  }
}

/** Explains what `reader` may see of `subject` (decide()'s verdict with its reasons). */
export function explainDecision(reader: Reader, subject: DecisionSubject, ctx: PolicyContext): Explanation {
  const kind = decide(reader, subject, ctx).kind;
  const reasons: string[] = [];
  if (subject.producerOrg === reader.orgId) {
    reasons.push(
      subject.entry === 'added'
        ? 'its organisation produced this version'
        : 'its organisation produced this version (it has the original entry)',
    );
    return { kind, reasons };
  }
  const refs = objectMarkingRefs(subject.object);
  if (subject.contested === true) {
    reasons.push('the version names an id another organisation owns here: only its producer sees it');
    return { kind, reasons };
  }
  if (refs === undefined)
    return { kind, reasons: ['object_marking_refs is malformed: hidden (fail closed)'] };
  const meaning = meaningsFor(ctx.markings, subject);
  const embargo = combinedEmbargo(refs, meaning);
  if (embargo !== undefined) {
    const at = formatMicros(embargo.releaseAt, 3);
    if (embargo.cosigners.has(reader.identityId))
      reasons.push(`embargoed until ${at}; a co-signer sees it before`);
    else if (ctx.now < embargo.releaseAt) reasons.push(`embargoed until ${at}; not a co-signer`);
    else if (releasedByEntryOnly(subject.object) && subject.entry === 'added')
      reasons.push(`embargo ended ${at}; an advisory is seen only once released`);
    else reasons.push(`embargo ended ${at}`);
  }
  let inGroup = false;
  for (const ref of refs) {
    const m = meaning(ref);
    if (m?.kind === 'group' && m.members.has(reader.identityId)) inGroup = true;
  }
  for (const ref of refs) {
    const m = meaning(ref);
    if (m?.kind === 'embargo') continue;
    reasons.push(markingSentence(m, ref, permits(m, reader, inGroup, ctx.now, false), inGroup));
  }
  if (refs.length === 0) reasons.push('no object markings: every reader of the collection sees it');
  if (kind === 'redacted') reasons.push('granular markings hide some of its content');
  if (kind === 'hidden' && subject.object.granular_markings !== undefined && reasons.length === 0)
    reasons.push('granular markings hide content it cannot be shown without');
  return { kind, reasons };
}
