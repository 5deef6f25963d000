/**
 * The versions of one object, oldest first, and the newest one a reading may consider
 * (CONTRACT.md: "only the newest version of each object counts"). Hidden versions count
 * nowhere, as in the store's `last` version selection: a reader who may not see the newest
 * version counts the newest one it may see.
 */
import { plainCanonicalJson } from '../stix/index.js';
import type { ReadingOptions, VersionRecord } from './version-record.js';
import { compareVersionTimes, type VersionTime, versionTimeOf } from './version-time.js';

/** One version with its time and what it says (`facts` undefined: it says nothing of interest). */
export interface ChainedVersion<F> {
  readonly record: VersionRecord;
  readonly time: VersionTime;
  readonly facts: F | undefined;
}

/**
 * Total order of versions: by time; the same version twice (one object in two collections, or a
 * conflicting copy) by producer, then by canonical text, so every node and every input order
 * picks the same one.
 */
function compareVersions<F>(a: ChainedVersion<F>, b: ChainedVersion<F>): number {
  const byTime = compareVersionTimes(a.time, b.time);
  if (byTime !== 0) return byTime;
  if (a.record.producer !== b.record.producer) return a.record.producer < b.record.producer ? -1 : 1;
  const x = plainCanonicalJson(a.record.object) ?? '';
  const y = plainCanonicalJson(b.record.object) ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The versions of one object id, kept in order as they are added. */
export class VersionChain<F> {
  readonly #versions: ChainedVersion<F>[] = [];

  /** Adds a version (any order); a record whose version time does not parse is ignored. */
  add(record: VersionRecord, facts: F | undefined): ChainedVersion<F> | undefined {
    const time = versionTimeOf(record.object);
    if (time === undefined) return undefined;
    const version = { record, time, facts };
    const list = this.#versions;
    let i = list.length;
    // Versions mostly arrive in order: walk back from the end.
    while (i > 0 && compareVersions(list[i - 1] as ChainedVersion<F>, version) > 0) i--;
    list.splice(i, 0, version);
    return version;
  }

  /** Every version, oldest first. */
  get versions(): readonly ChainedVersion<F>[] {
    return this.#versions;
  }

  /** The newest version the reading may consider, or undefined when there is none. */
  newest(options: ReadingOptions): ChainedVersion<F> | undefined {
    const { sees, asOf } = options;
    const list = this.#versions;
    for (let i = list.length - 1; i >= 0; i--) {
      const v = list[i] as ChainedVersion<F>;
      if (asOf !== undefined && !existedAt(v, asOf.at, asOf.basis ?? 'version')) continue;
      if (sees === undefined || sees(v.record)) return v;
    }
    return undefined;
  }
}

function existedAt<F>(v: ChainedVersion<F>, at: number, basis: 'version' | 'received'): boolean {
  const when = basis === 'received' ? (v.record.addedAt ?? v.time.micros) : v.time.micros;
  return when <= at;
}
