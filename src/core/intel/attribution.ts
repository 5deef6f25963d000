/**
 * Attribution use cases (CONTRACT.md "Attribution and consensus"): a claim or a dispute made
 * by the caller's organisation and stored through ingest like any object, and the consensus
 * over everything the caller's organisation may see (hidden ≡ absent).
 */
import {
  AttributionIndex,
  buildClaim,
  buildDispute,
  type Consensus,
  GROUPED_TYPES,
} from '../../intel/index.js';
import { timestampMicros } from '../../stix/index.js';
import { CoreError } from '../errors/core-error.js';
import { callerOf } from '../ingest/import-files.js';
import type { NodeServices } from '../node/node-services.js';
import { usableCollection } from '../query/collection-access.js';
import { builtOrInvalid, storeAsCaller } from './intel-outcome.js';
import { newestVisible, visibleVersions } from './visible-versions.js';

/** What `attribution claim` was given. */
export interface ClaimRequest {
  readonly username: string;
  readonly collectionId: string;
  readonly subject: string;
  readonly target: string;
  readonly confidence: unknown;
  readonly evidence?: readonly string[];
  readonly markings?: readonly string[];
  readonly description?: string;
}

/** What a claim or dispute stored: its id, and the builder's warnings. */
export interface Made {
  readonly id: string;
  readonly warnings: readonly string[];
}

/** Makes and stores an attribution claim of the caller's organisation (exit 1 on any issue, nothing stored). */
export async function claimAttribution(node: NodeServices, request: ClaimRequest): Promise<Made> {
  const caller = await callerOf(node.store, request.username);
  await usableCollection(node.store, caller, request.collectionId, { write: true });
  const seen = await newestVisible(node, caller, [
    request.subject,
    request.target,
    ...(request.evidence ?? []),
  ]);
  const built = builtOrInvalid(
    buildClaim(
      {
        subject: request.subject,
        target: request.target,
        confidence: request.confidence,
        producer: caller.identityId,
        ...(request.evidence === undefined ? {} : { evidence: request.evidence }),
        ...(request.markings === undefined ? {} : { markings: request.markings }),
        ...(request.description === undefined ? {} : { description: request.description }),
      },
      { now: node.now(), resolve: (id) => seen.get(id) },
    ),
  );
  await storeAsCaller(node, caller, request.collectionId, [built.value]);
  return { id: String(built.value.id), warnings: built.warnings };
}

/** What `attribution dispute` was given. */
export interface DisputeRequest {
  readonly username: string;
  readonly collectionId: string;
  readonly claim: string;
  readonly explanation?: string;
  readonly strongly?: boolean;
  readonly markings?: readonly string[];
}

/** Makes and stores a dispute (an opinion) of the caller's organisation on a claim it may see. */
export async function disputeAttribution(node: NodeServices, request: DisputeRequest): Promise<Made> {
  const caller = await callerOf(node.store, request.username);
  await usableCollection(node.store, caller, request.collectionId, { write: true });
  const seen = await newestVisible(node, caller, [request.claim]);
  const built = builtOrInvalid(
    buildDispute(
      {
        claim: request.claim,
        producer: caller.identityId,
        ...(request.explanation === undefined ? {} : { explanation: request.explanation }),
        ...(request.strongly === undefined ? {} : { strongly: request.strongly }),
        ...(request.markings === undefined ? {} : { markings: request.markings }),
      },
      { now: node.now(), resolve: (id) => seen.get(id) },
    ),
  );
  await storeAsCaller(node, caller, request.collectionId, [built.value]);
  return { id: String(built.value.id), warnings: built.warnings };
}

/** What `attribution consensus` was given. */
export interface ConsensusRequest {
  readonly username: string;
  /** Only the subject this object belongs to (an id the caller may see). */
  readonly subject?: string;
  /** A STIX timestamp: the consensus from the versions that existed then. */
  readonly asOf?: string;
}

/** The consensus over every claim and dispute the caller's organisation may see. */
export async function attributionConsensus(
  node: NodeServices,
  request: ConsensusRequest,
): Promise<Consensus> {
  const caller = await callerOf(node.store, request.username);
  const asOf = request.asOf === undefined ? undefined : timestampMicros(request.asOf);
  if (request.asOf !== undefined && asOf === undefined)
    throw new CoreError('CORE_INVALID', `--as-of "${request.asOf}" is not a UTC STIX timestamp`);
  if (request.subject !== undefined) {
    const seen = await newestVisible(node, caller, [request.subject]);
    if (!seen.has(request.subject))
      throw new CoreError('CORE_NOT_FOUND', `no object ${request.subject} is visible to you`);
  }
  const records = await visibleVersions(node, caller, {
    types: ['relationship', 'opinion', ...GROUPED_TYPES],
  });
  const index = AttributionIndex.of(records);
  const options = asOf === undefined ? {} : { asOf: { at: asOf } };
  if (request.subject === undefined) return index.consensus(options);
  const one = index.subject(request.subject, options);
  return { subjects: one === undefined ? [] : [one] };
}
