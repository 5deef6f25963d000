/**
 * The state of a joint advisory (CONTRACT.md "Joint advisories"): draft → sealed (every
 * co-signer signed the exact current text) → released at the release time, or missed when not
 * sealed by then. Pure: the same versions, signatures and clock give the same answer on every
 * node, which is what lets each node release on its own (docs/decisions/0004-advisory-release.md).
 */

import type { Micros } from '../../stix/index.js';
import { addVersion, allVersions, type ChainedVersion, type Versions } from '../version-chain.js';
import type { VersionRecord } from '../version-record.js';
import { compareVersionTimes } from '../version-time.js';
import { type AdvisoryFacts, advisoryDigest, advisoryFacts } from './advisory-facts.js';
import { standingSignatures } from './standing-signatures.js';

/** The four states of CONTRACT.md. */
export type AdvisoryStateName = 'draft' | 'sealed' | 'released' | 'missed';

/** What became, or will become, of one advisory version. */
export interface AdvisoryVersionOutcome {
  /** The version (its `modified`, else `created`). */
  readonly version: string;
  readonly digest: string;
  readonly releaseAt: Micros;
  /** `superseded`: a newer version was made before this one's release time, so this one is never released. */
  readonly outcome: AdvisoryStateName | 'superseded';
  /** Co-signers with a standing signature of this exact version made before its release time. */
  readonly signedBy: readonly string[];
}

/** `accord advisory status --json` (CONTRACT.md), with the version it speaks of. */
export interface AdvisoryStatus {
  readonly id: string;
  readonly title: string;
  readonly state: AdvisoryStateName;
  readonly release_at: string;
  readonly cosigners: readonly { readonly org: string; readonly signed: boolean }[];
  /** The current version (the newest), whose text the state and signatures are about. */
  readonly version: string;
  readonly digest: string;
  /** The newest version released so far, when one was (an earlier text may be out). */
  readonly released_version?: string;
}

/** The versions of one advisory report and the signature versions naming it, as the caller sees them. */
export interface AdvisoryRecords {
  readonly versions: readonly VersionRecord[];
  readonly signatures: readonly VersionRecord[];
  /** The present instant. */
  readonly now: Micros;
}

/** The earliest standing signature time of each (version and digest, co-signer). */
function signatureTimes(
  reportId: string,
  signatures: readonly VersionRecord[],
): Map<string, Map<string, Micros>> {
  const times = new Map<string, Map<string, Micros>>();
  for (const { version, facts } of standingSignatures(reportId, signatures)) {
    const key = `${facts.version} ${facts.digest}`;
    let byOrg = times.get(key);
    if (byOrg === undefined) {
      byOrg = new Map();
      times.set(key, byOrg);
    }
    const known = byOrg.get(version.record.producer);
    if (known === undefined || version.micros < known) byOrg.set(version.record.producer, version.micros);
  }
  return times;
}

function outcomeOf(
  version: ChainedVersion<AdvisoryFacts>,
  facts: AdvisoryFacts,
  next: ChainedVersion<AdvisoryFacts> | undefined,
  times: Map<string, Map<string, Micros>>,
  now: Micros,
): AdvisoryVersionOutcome {
  const digest = advisoryDigest(version.record.object);
  const release = facts.releaseAt.micros;
  const byOrg = times.get(`${version.text} ${digest}`);
  // A signature counts only when made before the release time; a revoked version is never signed.
  const signedBy = facts.revoked
    ? []
    : facts.cosigners.filter((c) => {
        const at = byOrg?.get(c);
        return at !== undefined && at < release;
      });
  const sealed = signedBy.length === facts.cosigners.length;
  let outcome: AdvisoryVersionOutcome['outcome'];
  if (next !== undefined && next.micros < release) outcome = 'superseded';
  else if (version.micros >= release) outcome = 'missed';
  else if (now < release) outcome = sealed ? 'sealed' : 'draft';
  else outcome = sealed ? 'released' : 'missed';
  return { version: version.text, digest, releaseAt: release, outcome, signedBy };
}

/** The versions of the report, oldest first (of the id with the newest version, if several were given). */
function reportVersions(records: readonly VersionRecord[]): readonly ChainedVersion<AdvisoryFacts>[] {
  const byId = new Map<string, Versions<AdvisoryFacts>>();
  for (const v of records) {
    if (typeof v.object.id === 'string') addVersion(byId, v.object.id, v, advisoryFacts(v.object));
  }
  let best: readonly ChainedVersion<AdvisoryFacts>[] = [];
  for (const entry of byId.values()) {
    const all = allVersions(entry);
    const [a, b] = [all.at(-1), best.at(-1)];
    if (b === undefined || (a !== undefined && compareVersionTimes(a, b) > 0)) best = all;
  }
  return best;
}

/** What becomes of each advisory version, oldest first (what the release machinery acts on). */
export function advisoryOutcomes(records: AdvisoryRecords): AdvisoryVersionOutcome[] {
  const versions = reportVersions(records.versions);
  const reportId = String(versions[versions.length - 1]?.record.object.id);
  const times = signatureTimes(reportId, records.signatures);
  const out: AdvisoryVersionOutcome[] = [];
  versions.forEach((v, i) => {
    if (v.record.object.id !== reportId || v.facts === undefined) return;
    // Any newer version of the report (advisory or not) replaces this text.
    const next = versions.slice(i + 1).find((n) => compareVersionTimes(n, v) > 0);
    out.push(outcomeOf(v, v.facts, next, times, records.now));
  });
  return out;
}

/** The status of an advisory, or undefined when its newest version is not a joint advisory. */
export function advisoryState(records: AdvisoryRecords): AdvisoryStatus | undefined {
  const current = reportVersions(records.versions).at(-1);
  const facts = current?.facts;
  const report = current?.record.object;
  // Facts are only found on reports.
  if (current === undefined || facts === undefined || report?.type !== 'report') return undefined;
  const outcomes = advisoryOutcomes(records);
  const now = outcomes[outcomes.length - 1] as AdvisoryVersionOutcome;
  const released = outcomes.filter((o) => o.outcome === 'released').pop();
  return {
    id: report.id,
    title: String(report.name ?? ''),
    state: now.outcome === 'superseded' ? 'draft' : now.outcome,
    release_at: facts.releaseAt.text,
    cosigners: facts.cosigners.map((org) => ({ org, signed: now.signedBy.includes(org) })),
    version: now.version,
    digest: now.digest,
    ...(released !== undefined ? { released_version: released.version } : {}),
  };
}
