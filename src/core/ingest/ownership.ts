/**
 * Who may add versions of an id (STIX 2.1 section 3.6: only the object creator may version an
 * object; DESIGN.md, Trust). In a collection, the producer of an id's first version owns it;
 * another organisation's version of that id never changes what anyone else sees. When the adder
 * can see the owner's versions it is refused with a clear message; when it cannot, the version
 * is stored for it alone (contested): its answer must not differ from the one it would get if
 * the hidden object did not exist. Marking definitions are never versioned (section 7.2.1): one
 * whose id the node knows with other content is refused the same way, or kept for its producer
 * alone. Cyber-observables (no `created`, no `modified`) are shared facts: every producer keeps
 * its own copy under its own markings, and none is contested.
 */
import { may, type PolicyContext, planFor } from '../../policy/index.js';
import { canonicalJson, isTlpMarking, TLP_V1, TLP_V2, type ValidatedObject } from '../../stix/index.js';
import type { MarkingDefinitionRecord, Store, StoredObject } from '../../store/index.js';
import { seesVersion } from '../query/definition-lookup.js';

/** A version about to be stored, with its producer and the organisation whose view the adder has. */
export interface OwnedCandidate {
  readonly object: ValidatedObject;
  readonly producerOrg: string;
  readonly origin: string;
  readonly adderOrg: string;
}

/**
 * Whether the version joins its id's owner chain, is kept for its producer alone, is one the
 * adder can already see stored exactly so (nothing to store: an echo, a re-post), or is refused.
 */
export type Ownership =
  | { readonly kind: 'owner' }
  | { readonly kind: 'contested' }
  | { readonly kind: 'stored'; readonly seq: number; readonly version: string }
  | { readonly kind: 'refused'; readonly message: string };

const OWNER: Ownership = Object.freeze({ kind: 'owner' });
const CONTESTED: Ownership = Object.freeze({ kind: 'contested' });

/** What deciding ownership needs besides the store. */
export interface OwnershipContext {
  readonly policy: PolicyContext;
  readonly definitions: ReadonlyMap<string, MarkingDefinitionRecord>;
}

const TLP_DEFINITIONS = new Map<string, unknown>(
  [...Object.values(TLP_V2), ...Object.values(TLP_V1)].map((d) => [d.id, d]),
);

/** SDOs, SROs and meta objects are versioned (3.6); a custom object is when it has created or modified. */
const isVersioned = (o: ValidatedObject) =>
  ('modified' in o && o.modified !== undefined) || ('created' in o && o.created !== undefined);

/** The ownership of each candidate of one batch, in order. */
export async function ownershipOf(
  store: Store,
  collectionId: string,
  candidates: readonly OwnedCandidate[],
  ctx: OwnershipContext,
): Promise<Ownership[]> {
  const ids = [...new Set(candidates.filter((c) => isVersioned(c.object)).map((c) => c.object.id))];
  const owners = new Map(ids.length === 0 ? [] : await store.getOwners(collectionId, ids));
  const seen = new Map<string, Promise<readonly StoredObject[]>>();
  // The owner's versions of the id the adder can see here (read once per adder and id).
  const visible = (c: OwnedCandidate): Promise<readonly StoredObject[]> => {
    const key = `${c.adderOrg}\n${c.object.id}`;
    let answer = seen.get(key);
    if (answer === undefined) {
      answer = visibleStored(store, collectionId, c, ctx.policy);
      seen.set(key, answer);
    }
    return answer;
  };
  const sees = async (c: OwnedCandidate) => (await visible(c)).length > 0;
  const out: Ownership[] = [];
  for (const c of candidates) {
    if (!isVersioned(c.object)) {
      out.push(OWNER);
      continue;
    }
    const id = c.object.id;
    if (c.object.type === 'marking-definition' && isTlpMarking(id)) {
      // Everyone knows the TLP definitions: another content under a TLP id is refused outright.
      if (!sameDefinition(JSON.stringify(TLP_DEFINITIONS.get(id)), c.object)) {
        out.push({
          kind: 'refused',
          message: `${id} is a TLP marking definition; its content is fixed (STIX 2.1 section 7.2.1.4, TLP 2.0)`,
        });
        continue;
      }
    }
    const definition = c.object.type === 'marking-definition' ? ctx.definitions.get(id) : undefined;
    if (definition !== undefined && !sameDefinition(definition.json, c.object)) {
      const own = definition.source.kind === 'version' && definition.source.producerOrg === c.producerOrg;
      // The adder learns nothing from a refusal about a definition it made or can see.
      out.push(
        own || (await sees(c))
          ? {
              kind: 'refused',
              message: `${id} is already defined with other content; marking definitions cannot be versioned or redefined (STIX 2.1 section 7.2.1)`,
            }
          : CONTESTED,
      );
      continue;
    }
    const owner = owners.get(id);
    if (owner === undefined) {
      owners.set(id, c.producerOrg); // the first version of an id in a batch makes its producer the owner
      out.push(OWNER);
    } else if (owner === c.producerOrg) {
      out.push(OWNER);
    } else if (await sees(c)) {
      const same = sameVersion(await visible(c), c.object);
      out.push(
        same !== undefined
          ? { kind: 'stored', seq: same.seq, version: same.version }
          : {
              kind: 'refused',
              message: `${id} belongs to another organisation: only the organisation that created an object may add versions of it (STIX 2.1 section 3.6)`,
            },
      );
    } else {
      out.push(CONTESTED);
    }
  }
  return out;
}

function sameDefinition(json: string, object: Readonly<Record<string, unknown>>): boolean {
  try {
    return canonicalJson(JSON.parse(json)) === canonicalJson(object);
  } catch {
    return false;
  }
}

/** The visible stored version `object` repeats exactly (same version, same content), if any. */
function sameVersion(
  rows: readonly StoredObject[],
  object: Readonly<Record<string, unknown>>,
): StoredObject | undefined {
  // Equal canonical JSON is the same version with the same content.
  const text = canonicalJson(object);
  return rows.find((row) => row.json === text);
}

async function visibleStored(
  store: Store,
  collectionId: string,
  c: OwnedCandidate,
  ctx: PolicyContext,
): Promise<readonly StoredObject[]> {
  const reader = { orgId: c.adderOrg, identityId: ctx.identityOfOrg(c.adderOrg) ?? '' };
  // An organisation that may not read the collection sees nothing in it (it may still write).
  const collection = await store.getCollection(collectionId);
  if (collection === undefined || !may(reader, 'collection.read', collection)) return [];
  const plan = planFor(reader, ctx);
  const rows = await store.getVersions(collectionId, c.object.id);
  // Only the owner's versions count: the adder's own contested ones say nothing about others.
  return rows.filter((row) => row.contested !== true && seesVersion(plan, row));
}
