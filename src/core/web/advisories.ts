/**
 * Joint advisories for the console (issue 17): every advisory the caller sees with its state
 * (intel's advisoryState over the versions and signatures the caller sees, as `accord advisory
 * status`), one advisory, and signing it (core's signJointAdvisory). An advisory the caller may
 * not see, or a visible report that is no advisory, answers as an unknown id, in one wording.
 */
import { type AdvisoryStatus, advisoryState } from '../../intel/index.js';
import type { Caller } from '../accounts/caller.js';
import { CoreError } from '../errors/core-error.js';
import { signJointAdvisory } from '../intel/advisory.js';
import { type NodeRelease, releaseStates } from '../intel/release-states.js';
import { type CollectedRecord, visibleVersions } from '../intel/visible-versions.js';
import type { NodeServices } from '../node/node-services.js';

/** One message for absent and hidden alike. */
export const NO_SUCH_ADVISORY = 'no such advisory';

/** An advisory's status, and whether the caller's organisation still has to sign it. */
export interface AdvisoryView {
  readonly status: AdvisoryStatus;
  readonly awaitingMySignature: boolean;
}

function viewOf(caller: Caller, status: AdvisoryStatus): AdvisoryView {
  const mine = status.cosigners.find((c) => c.org === caller.identityId);
  return { status, awaitingMySignature: status.state === 'draft' && mine !== undefined && !mine.signed };
}

function statesOf(
  node: NodeServices,
  caller: Caller,
  reports: readonly CollectedRecord[],
  opinions: readonly CollectedRecord[],
): AdvisoryView[] {
  const byId = new Map<string, CollectedRecord[]>();
  for (const r of reports) byId.set(String(r.object.id), [...(byId.get(String(r.object.id)) ?? []), r]);
  const views: AdvisoryView[] = [];
  for (const [id, versions] of byId) {
    const signatures = opinions.filter(
      (o) => o.object.type === 'opinion' && o.object.object_refs.includes(id),
    );
    const status = advisoryState({ versions, signatures, now: node.now() });
    if (status !== undefined) views.push(viewOf(caller, status));
  }
  return views.sort((a, b) =>
    a.status.release_at < b.status.release_at ? 1 : a.status.release_at > b.status.release_at ? -1 : 0,
  );
}

/** Every advisory the caller sees, latest release time first. */
export async function listAdvisories(node: NodeServices, caller: Caller): Promise<AdvisoryView[]> {
  const reports = await visibleVersions(node, caller, { types: ['report'] });
  const opinions = await visibleVersions(node, caller, { types: ['opinion'] });
  return statesOf(node, caller, reports, opinions);
}

/** One advisory the caller sees, or CORE_NOT_FOUND worded as for an unknown id. */
export async function getAdvisory(node: NodeServices, caller: Caller, id: string): Promise<AdvisoryView> {
  const reports = id.startsWith('report--') ? await visibleVersions(node, caller, { ids: [id] }) : [];
  const opinions = reports.length === 0 ? [] : await visibleVersions(node, caller, { types: ['opinion'] });
  const view = statesOf(node, caller, reports, opinions)[0];
  if (view === undefined) throw new CoreError('CORE_NOT_FOUND', NO_SUCH_ADVISORY);
  return view;
}

/**
 * The released state of the advisory on this node and on each peer (ADR 0022), for a caller who
 * sees it; CORE_NOT_FOUND worded as for an unknown id otherwise.
 */
export async function getAdvisoryReleases(
  node: NodeServices,
  caller: Caller,
  id: string,
): Promise<readonly NodeRelease[]> {
  const reports = id.startsWith('report--') ? await visibleVersions(node, caller, { ids: [id] }) : [];
  const opinions = reports.length === 0 ? [] : await visibleVersions(node, caller, { types: ['opinion'] });
  if (statesOf(node, caller, reports, opinions).length === 0)
    throw new CoreError('CORE_NOT_FOUND', NO_SUCH_ADVISORY);
  return releaseStates(node, caller, reports);
}

/** Signs the advisory's current text for the caller's organisation; answers the new state and the signature's id. */
export async function signAdvisory(
  node: NodeServices,
  caller: Caller,
  id: string,
): Promise<AdvisoryView & { readonly signature: string; readonly created: boolean }> {
  await getAdvisory(node, caller, id);
  const signed = await signJointAdvisory(node, caller.username, id);
  return { ...(await getAdvisory(node, caller, id)), signature: signed.id, created: signed.created };
}
