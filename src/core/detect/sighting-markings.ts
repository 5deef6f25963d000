/**
 * The markings of a sighting kept in the node (CONTRACT.md "Detection", `--store`): TLP:RED and a
 * sharing group of exactly the sighting organisation and the indicator's producer, so that
 * federation brings it to the producer and to no one else (DESIGN.md, Visibility: RED admits the
 * producer and the group's members; the group admits only its members). One group per pair,
 * made once and reused. The group's definition is itself TLP:RED: when it travels with the
 * sightings and is stored as an object on the producer's node, no other reader there learns that
 * the pair share sightings.
 */
import { SHARING_GROUP_EXTENSION_ID, sharingGroupMarking } from '../../policy/index.js';
import { TLP_V2 } from '../../stix/index.js';
import type { MarkingDefinitionRecord, Store } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import { auditAdmin } from '../admin/audit-admin.js';

/** The name of every sighting group (it names no one: the members say who). */
export const SIGHTING_GROUP_NAME = 'Accord sightings to the indicator producer';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when `json` is a sighting group of exactly [sighter, producer] made by the sighter, marked RED. */
function isGroupOf(json: string, sighter: string, producer: string): boolean {
  let def: unknown;
  try {
    def = JSON.parse(json);
  } catch {
    return false;
  }
  if (!isRecord(def) || def.created_by_ref !== sighter || def.name !== SIGHTING_GROUP_NAME) return false;
  const refs = def.object_marking_refs;
  if (!Array.isArray(refs) || refs.length !== 1 || refs[0] !== TLP_V2.red.id) return false;
  const ext = isRecord(def.extensions) ? def.extensions[SHARING_GROUP_EXTENSION_ID] : undefined;
  const members = isRecord(ext) ? ext.members : undefined;
  return Array.isArray(members) && members.length === 2 && members[0] === sighter && members[1] === producer;
}

/** Only definitions the node made, or the sighter's own, are reused: no one else's can stand in. */
function reusable(record: MarkingDefinitionRecord, sighterOrg: string): boolean {
  return record.source.kind === 'node' || record.source.producerOrg === sighterOrg;
}

/**
 * The object_marking_refs of a sighting by `sighter` of an indicator its producer (identity id)
 * made: RED alone when the sighter is the producer, else RED and the pair's sharing group
 * (created now when the node has none).
 */
export async function sightingMarkingRefs(
  store: Store,
  sighter: Caller,
  producerIdentity: string,
): Promise<readonly string[]> {
  if (producerIdentity === sighter.identityId) return [TLP_V2.red.id];
  for (const [id, record] of await store.listMarkingDefinitions()) {
    if (reusable(record, sighter.orgId) && isGroupOf(record.json, sighter.identityId, producerIdentity))
      return [TLP_V2.red.id, id];
  }
  const def: Record<string, unknown> = {
    ...sharingGroupMarking({
      name: SIGHTING_GROUP_NAME,
      members: [sighter.identityId, producerIdentity],
      createdByRef: sighter.identityId,
    }),
    object_marking_refs: [TLP_V2.red.id],
  };
  const id = String(def.id);
  // Kept outside every collection, like `group add`'s: a peer fetches it only through a
  // version it may see that uses it (core/query/definition-lookup.ts).
  await store.putMarkingDefinition(id, JSON.stringify(def), { kind: 'node' });
  await auditAdmin(
    store,
    'group.add',
    sighter.orgId,
    `${id} sightings group ${sighter.identityId},${producerIdentity}`,
    sighter.username,
  );
  return [TLP_V2.red.id, id];
}
