/** The signatures that stand: the newest version of each signature opinion, when it still signs. */
import { addVersion, type ChainedVersion, newestVersion, type Versions } from '../version-chain.js';
import type { VersionRecord } from '../version-record.js';
import { type SignatureFacts, signatureFacts } from './advisory-facts.js';

/** A standing signature: its id, newest version and what it signs. */
export interface StandingSignature {
  readonly id: string;
  readonly version: ChainedVersion<SignatureFacts>;
  readonly facts: SignatureFacts;
}

/**
 * The standing signatures of `reportId` among the given versions. Only the newest version of
 * a signature counts: a revoked or re-pointed one no longer signs what its older versions did.
 */
export function standingSignatures(
  reportId: string,
  signatures: readonly VersionRecord[],
): StandingSignature[] {
  const chains = new Map<string, Versions<SignatureFacts>>();
  for (const s of signatures) {
    const id = s.object.id;
    if (typeof id === 'string') addVersion(chains, id, s, signatureFacts(s.object));
  }
  const out: StandingSignature[] = [];
  for (const [id, chain] of chains) {
    const version = newestVersion(chain, {});
    const facts = version?.facts;
    if (version !== undefined && facts !== undefined && facts.report === reportId)
      out.push({ id, version, facts });
  }
  return out;
}
