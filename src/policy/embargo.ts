/** Embargoes an object is under (DESIGN.md, Visibility; CONTRACT.md embargo extension). */
import { asMicros, type Micros } from '../stix/index.js';
import { type MarkingIndex, type MarkingSubject, type MeaningOf, meaningsFor } from './marking-index.js';

/** The embargo restricting an object: release time and co-signer identity ids. */
export interface Embargo {
  readonly releaseAt: Micros;
  readonly cosigners: ReadonlySet<string>;
}

/** The object-level marking refs of an object, or undefined when the property is malformed. */
export function objectMarkingRefs(object: Readonly<Record<string, unknown>>): readonly string[] | undefined {
  const refs = object.object_marking_refs;
  if (refs === undefined) return [];
  if (!Array.isArray(refs) || !refs.every((r) => typeof r === 'string')) return undefined;
  return refs as string[];
}

/**
 * The combined embargo of the object's object-level markings: several embargoes intersect, so
 * the latest release time and only the co-signers common to all of them (never earlier, never wider).
 */
export function combinedEmbargo(refs: readonly string[], meaning: MeaningOf): Embargo | undefined {
  let releaseAt: Micros | undefined;
  let cosigners: Set<string> | undefined;
  for (const id of refs) {
    const m = meaning(id);
    if (m?.kind !== 'embargo') continue;
    releaseAt = releaseAt === undefined ? m.releaseAt : asMicros(Math.max(releaseAt, m.releaseAt));
    cosigners =
      cosigners === undefined
        ? new Set(m.cosigners)
        : new Set([...cosigners].filter((c) => m.cosigners.has(c)));
  }
  return releaseAt === undefined || cosigners === undefined ? undefined : { releaseAt, cosigners };
}

/**
 * The embargo an object from `subject` is under (its object markings reference a known embargo
 * definition whose source the producer trusts), if any. Core adds a `released` entry at `releaseAt` when the version's `added` entry is
 * earlier than `releaseAt`; a version added at or after the release time needs none (its
 * `added` entry is then visible to everyone the other markings allow).
 */
export function embargoOf(
  object: Readonly<Record<string, unknown>>,
  markings: MarkingIndex,
  subject: MarkingSubject,
): { readonly releaseAt: Micros; readonly cosigners: readonly string[] } | undefined {
  const refs = objectMarkingRefs(object);
  const e = refs ? combinedEmbargo(refs, meaningsFor(markings, subject)) : undefined;
  return e ? { releaseAt: e.releaseAt, cosigners: [...e.cosigners] } : undefined;
}
