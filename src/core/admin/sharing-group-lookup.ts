/**
 * A sharing group's short id (`group add five`) as the node finds it again: the group's
 * marking-definition id is derived from its creator, creation time and short id (UUIDv5), so
 * `group show five` and a second `group add five` recognise it without storing anything beside
 * the STIX object. The time is part of it because organisations keep one identity id on every
 * node: two nodes' groups `five` made by the same organisation must not share an id.
 * Groups made before ids were derived are recognised by their name (which defaults to the id).
 */

import { uuidV5 } from '../../stix/index.js';
import type { Store } from '../../store/index.js';
import { CoreError } from '../errors/core-error.js';
import { listSharingGroups, type SharingGroupInfo } from './list-sharing-markings.js';

/** Namespace of the UUIDv5 names of node-made sharing groups. */
const GROUP_NAMESPACE = '02ca127a-b442-4f0d-8455-a429ae4353d5';

/** The marking-definition id of the group `slug` created by `creatorIdentity` at `created`. */
export function sharingGroupId(creatorIdentity: string, created: string, slug: string): string {
  return `marking-definition--${uuidV5(`sharing-group:${creatorIdentity}|${created}|${slug}`, GROUP_NAMESPACE)}`;
}

/** A sharing group as `group show` prints it: `slug` when the node made it under that id. */
export interface SharingGroupDetail extends SharingGroupInfo {
  readonly slug?: string;
}

/** The node-made group with short id `slug`, or the known group with marking-definition id `ref`. */
export async function findSharingGroup(store: Store, ref: string): Promise<SharingGroupDetail | undefined> {
  const groups = await listSharingGroups(store);
  const byId = groups.find((g) => g.id === ref);
  const definitions = await store.listMarkingDefinitions();
  const made = (g: SharingGroupInfo, slug: string): boolean => {
    const record = definitions.get(g.id);
    if (record === undefined) return false;
    try {
      const def = JSON.parse(record.json) as { created_by_ref?: unknown; created?: unknown };
      const { created_by_ref: creator, created } = def;
      return (
        typeof creator === 'string' &&
        typeof created === 'string' &&
        sharingGroupId(creator, created, slug) === g.id
      );
    } catch {
      return false;
    }
  };
  if (byId !== undefined) {
    const slug =
      byId.source === 'node' && byId.name !== null && made(byId, byId.name) ? byId.name : undefined;
    return slug === undefined ? byId : { ...byId, slug };
  }
  const node = groups.filter((g) => g.source === 'node');
  const found = node.find((g) => made(g, ref)) ?? node.find((g) => g.name === ref);
  return found === undefined ? undefined : { ...found, slug: ref };
}

/** `group show`: one group by short id or marking-definition id (CORE_NOT_FOUND otherwise). */
export async function showSharingGroup(store: Store, ref: string): Promise<SharingGroupDetail> {
  const group = await findSharingGroup(store, ref);
  if (group === undefined)
    throw new CoreError('CORE_NOT_FOUND', `no sharing group ${ref}; see \`accord group list\``);
  return group;
}

/** Refuses a second group with the same short id (CORE_CONFLICT). */
export async function checkNewSharingGroup(store: Store, slug: string): Promise<void> {
  const existing = await findSharingGroup(store, slug);
  if (existing !== undefined)
    throw new CoreError(
      'CORE_CONFLICT',
      `sharing group ${slug} already exists (${existing.id}); see \`accord group show ${slug}\``,
    );
}
