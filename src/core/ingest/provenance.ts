/**
 * Provenance (DESIGN.md, Trust; CONTRACT.md "Node administration"): who produced a version.
 * A version added by a user is its organisation's; a version relayed by a peer (pulled from it,
 * or posted by an account of the organisation a peer is) keeps the organisation that created
 * it, named by `created_by_ref`, when the peer may speak for that organisation, and is refused
 * otherwise. Nobody creates objects in the name of another organisation of this node: a
 * `created_by_ref` (or, for an identity, its id) naming one must be one the adder speaks for.
 */
import type { ValidatedObject } from '../../stix/index.js';
import type { Organization } from '../../store/index.js';

/** Who adds a batch of versions. */
export interface IngestSource {
  /**
   * Producer of versions that name no organisation of this node: the adding user's
   * organisation, or a relaying peer's own organisation (a peer speaks for its own by default).
   */
  readonly producerOrg: string;
  /** `local`, or `peer:NAME` for versions a peer relays. */
  readonly origin: string;
  /** Organisations (slugs) the adder may name as creator; default: `producerOrg` only. */
  readonly speaksFor?: readonly string[];
}

/** The producer of one version, or why the adder may not add it. */
export type Provenance =
  | { readonly ok: true; readonly producerOrg: string }
  | { readonly ok: false; readonly message: string };

/** Finds an organisation of this node by its STIX identity id. */
export type OrgOfIdentity = (identityId: string) => string | undefined;

/** The lookup of organisations by identity over a list of organisations. */
export function orgOfIdentityIn(orgs: readonly Organization[]): OrgOfIdentity {
  const byIdentity = new Map(orgs.map((o) => [o.identityId, o.id]));
  return (identityId) => byIdentity.get(identityId);
}

/** The creator an object names (SCOs have none in STIX 2.1; a custom object may). */
const creatorOf = (object: ValidatedObject): unknown =>
  'created_by_ref' in object ? object.created_by_ref : undefined;

/** The organisation of this node an object speaks for: its creator, or the identity it is. */
function claimedOrg(object: ValidatedObject, orgOf: OrgOfIdentity): string | undefined {
  const creator = creatorOf(object);
  if (typeof creator === 'string') {
    const org = orgOf(creator);
    if (org !== undefined) return org;
  }
  if (object.type === 'identity') return orgOf(object.id);
  return undefined;
}

/** Who produced `object`, added by `source`. */
export function provenanceOf(
  object: ValidatedObject,
  source: IngestSource,
  orgOf: OrgOfIdentity,
): Provenance {
  const claimed = claimedOrg(object, orgOf);
  if (claimed === undefined) return { ok: true, producerOrg: source.producerOrg };
  const speaksFor = source.speaksFor ?? [source.producerOrg];
  if (speaksFor.includes(claimed)) return { ok: true, producerOrg: claimed };
  const who = source.origin === 'local' ? 'you' : source.origin;
  return {
    ok: false,
    message:
      object.type === 'identity' && orgOf(object.id) === claimed
        ? `this is the identity of organisation ${claimed} of this node, which ${who} may not speak for`
        : `created_by_ref names organisation ${claimed} of this node, which ${who} may not speak for`,
  };
}
