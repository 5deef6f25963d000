/**
 * Joint advisory use cases (CONTRACT.md "Joint advisories"): draft, sign and status, over what
 * the caller's organisation may see. An advisory the caller may not see answers exactly as an
 * unknown id (the same error, the same message).
 */
import {
  type AdvisoryStatus,
  type AdvisoryTlp,
  advisoryState,
  draftAdvisory,
  existingSignature,
  signAdvisory,
  signatureMarkings,
  type VersionRecord,
} from '../../intel/index.js';
import { versionOf } from '../../stix/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import { callerOf } from '../ingest/import-files.js';
import type { NodeServices } from '../node/node-services.js';
import { usableCollection } from '../query/collection-access.js';
import { builtOrInvalid, storeAsCaller } from './intel-outcome.js';
import { type NodeRelease, releaseStates } from './release-states.js';
import { type CollectedRecord, newestVisible, visibleVersions } from './visible-versions.js';

/** What `advisory draft` was given. */
export interface DraftRequest {
  readonly username: string;
  readonly collectionId: string;
  readonly title: string;
  /** The Markdown body (the CLI reads it from the file given). */
  readonly body: string;
  /** Co-signer organisation slugs; the caller's must be among them. */
  readonly cosigners: readonly string[];
  readonly releaseAt: string;
  readonly refs?: readonly string[];
  readonly tlp?: AdvisoryTlp;
}

/** Drafts an advisory: stores its embargo marking and its report as the caller; returns the report id. */
export async function draftJointAdvisory(node: NodeServices, request: DraftRequest): Promise<string> {
  const caller = await callerOf(node.store, request.username);
  await usableCollection(node.store, caller, request.collectionId, { write: true });
  const cosigners: string[] = [];
  for (const slug of request.cosigners) {
    const org = await node.store.getOrganization(slug);
    if (org === undefined)
      throw new CoreError('CORE_NOT_FOUND', `no organisation ${slug}; add it with \`accord org add\``);
    cosigners.push(org.identityId);
  }
  const seen = await newestVisible(node, caller, request.refs ?? []);
  const { value } = builtOrInvalid(
    draftAdvisory(
      {
        title: request.title,
        body: request.body,
        cosigners,
        releaseAt: request.releaseAt,
        drafter: caller.identityId,
        ...(request.refs === undefined ? {} : { refs: request.refs }),
        ...(request.tlp === undefined ? {} : { tlp: request.tlp }),
      },
      { now: node.now(), resolve: (id) => seen.get(id) },
    ),
  );
  await storeAsCaller(node, caller, request.collectionId, [value.embargo, value.report]);
  return String(value.report.id);
}

/** An advisory as the caller sees it: its versions, the signatures naming it, its status. */
export interface SeenAdvisory {
  readonly caller: Caller;
  readonly versions: readonly CollectedRecord[];
  readonly signatures: readonly VersionRecord[];
  readonly status: AdvisoryStatus;
  /** The version the status speaks of (the newest the caller sees). */
  readonly current: CollectedRecord;
}

/** The advisory `id` as `username` sees it; CORE_NOT_FOUND, worded as for an unknown id, when it sees none. */
export async function seenAdvisory(node: NodeServices, username: string, id: string): Promise<SeenAdvisory> {
  const caller = await callerOf(node.store, username);
  const unknown = () => new CoreError('CORE_NOT_FOUND', `no advisory ${id}`);
  if (!id.startsWith('report--')) throw unknown();
  const versions = await visibleVersions(node, caller, { ids: [id] });
  if (versions.length === 0) throw unknown();
  const opinions = await visibleVersions(node, caller, { types: ['opinion'] });
  const signatures = opinions.filter((o) => o.object.type === 'opinion' && o.object.object_refs.includes(id));
  const status = advisoryState({ versions, signatures, now: node.now() });
  if (status === undefined) throw new CoreError('CORE_INVALID', `${id} is not a joint advisory`);
  const current = versions.find((v) => versionOf(v.object) === status.version) as CollectedRecord;
  return { caller, versions, signatures, status, current };
}

/** `advisory status`: the state of the advisory's current text and who signed it. */
export async function advisoryStatus(
  node: NodeServices,
  username: string,
  id: string,
): Promise<AdvisoryStatus> {
  return (await seenAdvisory(node, username, id)).status;
}

/** `advisory status` with the released state on this node and on each peer (ADR 0022). */
export async function advisoryStatusPerNode(
  node: NodeServices,
  username: string,
  id: string,
): Promise<AdvisoryStatus & { readonly nodes: readonly NodeRelease[] }> {
  const seen = await seenAdvisory(node, username, id);
  return { ...seen.status, nodes: await releaseStates(node, seen.caller, seen.versions) };
}

/** What `advisory sign` did: the signature's id, and whether it was made now (false: signed already). */
export interface Signed {
  readonly id: string;
  readonly created: boolean;
}

/**
 * `advisory sign`: the caller's organisation approves the advisory's current text (exit 1 when
 * it is not a co-signer or the release time has passed; the same text signed again is no change).
 * The signature goes into the collection of the advisory's current version.
 */
export async function signJointAdvisory(
  node: NodeServices,
  username: string,
  id: string,
  collectionId?: string,
): Promise<Signed> {
  const { caller, signatures, current } = await seenAdvisory(node, username, id);
  const existing = existingSignature(current.object, caller.identityId, signatures);
  if (existing !== undefined) return { id: existing, created: false };
  const now = node.now();
  const marks = signatureMarkings(current.object, caller.identityId, { now });
  const { value } = builtOrInvalid(
    signAdvisory(current.object, caller.identityId, { now }, marks?.markingRefs),
  );
  const target = collectionId ?? current.collectionId;
  await usableCollection(node.store, caller, target, { write: true });
  await storeAsCaller(node, caller, target, [...(marks?.embargo ? [marks.embargo] : []), value]);
  return { id: String(value.id), created: true };
}
