/**
 * "Who can see this and why" (`GET /api/objects/ID/access`): for each organisation, whether it
 * sees the object, read exactly as its users would read it (readVisible over each collection it
 * may read: the one read path of TAXII and the API), with the reasons policy gives
 * (explainDecision: decide()'s verdict and the rules it weighed). The producer of the object and
 * administrators see every organisation; others only their own, and only collections they may
 * see themselves are considered (the answer tells nothing of the others).
 */
import { explainDecision, may, parseStoredObject } from '../../policy/index.js';
import { timestampMicros } from '../../stix/index.js';
import type { CollectionRecord, Organization, StoredObject } from '../../store/index.js';
import type { Caller } from '../accounts/caller.js';
import type { NodeServices } from '../node/node-services.js';
import { readVisible } from '../query/query-objects.js';
import { actorOf } from '../query/reader-of.js';
import { markingNames, visibleObject } from './object-page.js';

/** One organisation's standing. */
export interface OrganisationAccess {
  readonly org: Organization;
  readonly canSee: boolean;
  readonly reasons: readonly string[];
}

/** The newest stored version; STIX timestamps compare as instants. */
function newestRow(rows: readonly StoredObject[]): StoredObject | undefined {
  const key = (r: StoredObject) => timestampMicros(r.version) ?? r.dateAdded;
  return rows.reduce<StoredObject | undefined>(
    (a, r) => (a === undefined || key(r) > key(a) ? r : a),
    undefined,
  );
}

/** Explains who sees `id` among the organisations the caller may ask about. */
export async function explainAccess(
  node: NodeServices,
  caller: Caller,
  id: string,
): Promise<OrganisationAccess[]> {
  const entry = await visibleObject(node, caller, id);
  const mine = actorOf(caller);
  const everyone = may(mine, 'access.explainAll', { producerOrg: entry.producerOrg ?? '' });
  const orgs = (await node.store.listOrganizations()).filter((o) => everyone || o.id === caller.orgId);
  const holding: { collection: CollectionRecord; row: StoredObject }[] = [];
  for (const collection of await node.store.listCollections()) {
    if (!may(mine, 'collection.explain', collection)) continue;
    const row = newestRow(await node.store.getVersions(collection.id, id));
    if (row !== undefined) holding.push({ collection, row });
  }
  const ctx = await node.policy.at(node.now());
  const refs = [...new Set(holding.flatMap((h) => h.row.markingRefs))];
  const names = await markingNames(node, refs);
  const named = (s: string) =>
    refs.reduce((text, ref) => text.replaceAll(ref, `"${names.get(ref) ?? ref}"`), s);
  const result: OrganisationAccess[] = [];
  for (const org of orgs) {
    const reader = { orgId: org.id, identityId: org.identityId };
    // Read as any user of the organisation would: a reader of its collections.
    const as: Caller = { username: '', orgId: org.id, identityId: org.identityId, role: 'reader' };
    let canSee = false;
    const reasons: string[] = [];
    for (const { collection, row } of holding) {
      const where = `in "${collection.title}"`;
      if (!may(actorOf(as), 'collection.read', collection)) {
        reasons.push(`${where}: may not read the collection`);
        continue;
      }
      const page = await readVisible(
        node,
        as,
        collection.id,
        { ids: [id], versions: { kind: 'last' }, limit: 1 },
        false,
      );
      const seesHere = page.items.length > 0;
      canSee ||= seesHere;
      const subject = {
        ...row,
        contested: row.contested === true,
        object: parseStoredObject(row.json),
      };
      let why = explainDecision(reader, subject, ctx);
      // Once an embargo ends, a version added before it reaches the others by its released entry.
      if (why.kind === 'hidden' && seesHere)
        why = explainDecision(reader, { ...subject, entry: 'released' }, ctx);
      const verdict = seesHere
        ? why.kind === 'redacted'
          ? 'sees it, in part'
          : 'sees it'
        : 'does not see it';
      reasons.push(`${where}: ${verdict}: ${why.reasons.map(named).join('; ')}`);
    }
    result.push({ org, canSee, reasons });
  }
  return result;
}
