/**
 * The versions of one object, oldest first, and the newest one a reading may consider
 * (CONTRACT.md: "only the newest version of each object counts"). Hidden versions count
 * nowhere, as in the store's `last` version selection: a reader who may not see the newest
 * version counts the newest one it may see.
 */
import { plainCanonicalJson } from '../stix/index.js';
import type { ReadingOptions, VersionRecord } from './version-record.js';
import { compareVersionTimes, type VersionTime, versionTimeOf } from './version-time.js';

/**
 * One version: its time (the fields of VersionTime, held flat to spare an object per version)
 * and what it says (`facts` undefined: it says nothing of interest).
 */
export interface ChainedVersion<F> extends VersionTime {
  readonly record: VersionRecord;
  readonly facts: F | undefined;
}

/**
 * Total order of versions: by time; the same version twice (one object in two collections, or a
 * conflicting copy) by producer, then by canonical text, so every node and every input order
 * picks the same one.
 */
function compareVersions<F>(a: ChainedVersion<F>, b: ChainedVersion<F>): number {
  const byTime = compareVersionTimes(a, b);
  if (byTime !== 0) return byTime;
  if (a.record.producer !== b.record.producer) return a.record.producer < b.record.producer ? -1 : 1;
  const x = plainCanonicalJson(a.record.object) ?? '';
  const y = plainCanonicalJson(b.record.object) ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

function existedAt<F>(v: ChainedVersion<F>, at: number, basis: 'version' | 'received'): boolean {
  const when = basis === 'received' ? (v.record.addedAt ?? v.micros) : v.micros;
  return when <= at;
}

/** The versions of one object: the version itself while it has one (most do), else them all, oldest first. */
export type Versions<F> = ChainedVersion<F> | ChainedVersion<F>[];

/** Adds a version of `id` (any order); a record whose version time does not parse is ignored. */
export function addVersion<F>(
  map: Map<string, Versions<F>>,
  id: string,
  record: VersionRecord,
  facts: F | undefined,
): ChainedVersion<F> | undefined {
  const version = versionTimeOf(record.object, record, facts);
  if (version === undefined) return undefined;
  const known = map.get(id);
  if (known === undefined) {
    map.set(id, version);
    return version;
  }
  const list = Array.isArray(known) ? known : [known];
  if (list !== known) map.set(id, list);
  let i = list.length;
  // Versions mostly arrive in order: walk back from the end.
  while (i > 0 && compareVersions(list[i - 1] as ChainedVersion<F>, version) > 0) i--;
  list.splice(i, 0, version);
  return version;
}

/** Every version, oldest first. */
export function allVersions<F>(versions: Versions<F> | undefined): readonly ChainedVersion<F>[] {
  return versions === undefined ? [] : Array.isArray(versions) ? versions : [versions];
}

/** The newest version the reading may consider, or undefined when there is none. */
export function newestVersion<F>(
  versions: Versions<F> | undefined,
  options: ReadingOptions,
): ChainedVersion<F> | undefined {
  if (versions === undefined) return undefined;
  const { sees, asOf } = options;
  if (!Array.isArray(versions)) {
    if (asOf !== undefined && !existedAt(versions, asOf.at, asOf.basis ?? 'version')) return undefined;
    return sees === undefined || sees(versions.record) ? versions : undefined;
  }
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i] as ChainedVersion<F>;
    if (asOf !== undefined && !existedAt(v, asOf.at, asOf.basis ?? 'version')) continue;
    if (sees === undefined || sees(v.record)) return v;
  }
  return undefined;
}
