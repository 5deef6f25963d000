/**
 * The JSON shapes of the node's API under `/api/` (docs/reference/api.md), shared by the
 * server's routes and the web console (`web/`, which imports this file for types only).
 * Times are UTC ISO 8601 strings; organisations travel with their name and slug.
 * `GET /api/objects/:id` itself answers the raw STIX object (CONTRACT.md "Web console").
 */

/** An organisation as people see it. */
export interface OrgRef {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
}

/** A TLP 2.0 label, as text (never colour alone). */
export type TlpLabel = 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT' | 'TLP:RED';

/** An object in lists and graphs: enough to name it and link to it. */
export interface ObjectSummary {
  readonly id: string;
  readonly type: string;
  /** `name`, else a type-specific label (an indicator's pattern, an SCO's value). */
  readonly name: string;
  readonly tlp: TlpLabel | null;
  readonly modified: string | null;
}

/** `POST /api/session` body; the answer sets the HttpOnly session cookie. */
export interface SignInRequest {
  readonly username: string;
  readonly password: string;
}

/** `GET|POST /api/session`: who is signed in, and the token state-changing requests echo. */
export interface SessionInfo {
  readonly username: string;
  readonly role: 'admin' | 'editor' | 'reader';
  readonly org: OrgRef;
  /** Sent back as the `X-CSRF-Token` header on every POST, PUT, PATCH and DELETE. */
  readonly csrfToken: string;
}

/** `GET /api/node`: the shell's heading and the server's clock (countdowns use it). */
export interface NodeInfo {
  readonly name: string;
  readonly org: OrgRef;
  readonly serverTime: string;
  readonly version: string;
}

/** What part of an object a search hit matched. */
export type SearchField = 'name' | 'alias' | 'external_id' | 'value' | 'id';

/** `GET /api/search?q=TEXT&type=T&limit=N&cursor=C`. */
export interface SearchResults {
  readonly query: string;
  readonly results: readonly (ObjectSummary & { readonly matched: SearchField })[];
  readonly next: string | null;
}

/** `POST /api/search/values` with `{ "values": [...] }` (bulk paste): which are known. */
export interface ValueLookup {
  readonly known: readonly { readonly value: string; readonly objects: readonly ObjectSummary[] }[];
  readonly unknown: readonly string[];
}

/** `GET /api/objects/:id/view`: the object page's heading and the Raw tab's verdict. */
export interface ObjectView {
  readonly object: Record<string, unknown>;
  readonly summary: ObjectSummary;
  readonly confidence: number | null;
  readonly author: OrgRef | null;
  /** Markings by name (TLP, sharing groups, embargoes) the caller may know of. */
  readonly markings: readonly { readonly id: string; readonly name: string }[];
  readonly versionCount: number;
  readonly validation: { readonly ok: boolean; readonly issues: readonly ValidationIssueView[] };
}

export interface ValidationIssueView {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

/** `GET /api/objects/:id/relationships?limit=N&cursor=C`: both directions. */
export interface RelationshipList {
  readonly relationships: readonly {
    readonly relationship: ObjectSummary & { readonly relationship_type: string };
    readonly direction: 'outgoing' | 'incoming';
    /** The object at the other end, or null when the caller may not see it. */
    readonly other: ObjectSummary | null;
  }[];
  readonly total: number;
  readonly next: string | null;
}

/** `GET /api/objects/:id/sightings`. */
export interface SightingList {
  readonly sightings: readonly {
    readonly id: string;
    readonly count: number | null;
    readonly first_seen: string | null;
    readonly last_seen: string | null;
    readonly where: readonly ObjectSummary[];
    readonly by: OrgRef | null;
  }[];
}

/** `GET /api/objects/:id/versions`: oldest first, each as the caller sees it. */
export interface VersionList {
  readonly versions: readonly { readonly modified: string; readonly object: Record<string, unknown> }[];
}

/** `GET /api/objects/:id/access`: who may see the object and why (one policy function). */
export interface AccessExplanation {
  readonly id: string;
  /** All organisations for the producer and admins; only the caller's own otherwise. */
  readonly organisations: readonly {
    readonly org: OrgRef;
    readonly canSee: boolean;
    /** Sentences naming the rules that decided (TLP, group membership, embargo, ownership). */
    readonly reasons: readonly string[];
  }[];
}

/** `GET /api/attribution`: the consensus matrix. */
export interface AttributionMatrix {
  readonly subjects: readonly (ObjectSummary & { readonly dissent: boolean })[];
  readonly organisations: readonly OrgRef[];
  readonly cells: readonly {
    readonly subject: string;
    readonly org: string;
    readonly stance: 'support' | 'dispute';
    readonly confidence: number;
    /** The STIX 2.1 appendix A scale label ("Moderate", …). */
    readonly confidenceLabel: string;
    /** The claim (or dispute) object, opened from the cell. */
    readonly claim: string;
    readonly attributedTo: ObjectSummary | null;
  }[];
}

/**
 * `GET /api/attribution/claims/:id`: one claim (support) or dispute of the matrix, with the
 * evidence the caller sees (hidden evidence is absent).
 */
export interface AttributionClaim {
  readonly id: string;
  readonly stance: 'support' | 'dispute';
  readonly confidence: number;
  readonly confidenceLabel: string;
  /** The organisation that made this version (as the node records it, not `created_by_ref`). */
  readonly author: OrgRef | null;
  /** The version's time (`modified`). */
  readonly time: string;
  readonly subject: ObjectSummary | null;
  readonly attributedTo: ObjectSummary | null;
  /** A dispute's disputed claims. */
  readonly disputes: readonly string[];
  readonly explanation: string | null;
  readonly evidence: readonly ObjectSummary[];
}

/** `GET /api/advisories` and `GET /api/advisories/:id`. */
export interface AdvisoryInfo {
  readonly id: string;
  readonly title: string;
  readonly state: 'draft' | 'sealed' | 'released' | 'missed';
  readonly releaseAt: string;
  readonly cosigners: readonly (OrgRef & { readonly signed: boolean })[];
  /** True when the caller's organisation is a co-signer that has not signed. */
  readonly awaitingMySignature: boolean;
  readonly serverTime: string;
}

/**
 * `GET /api/advisories/:id/release` (ADR 0022): this node (`self`) first, then every configured
 * peer. `peer` and `lastPull` only for callers who may see peers (administrators).
 */
export interface AdvisoryReleases {
  readonly id: string;
  readonly nodes: readonly {
    readonly self: boolean;
    /** The peer's organisation. */
    readonly org?: OrgRef;
    readonly peer?: string;
    readonly state: 'released' | 'missed' | 'pending' | 'not_seen_yet' | 'not_synced';
    readonly version?: string;
    readonly at?: string;
    readonly lastPull?: string;
  }[];
  readonly serverTime: string;
}

export interface AdvisoryList {
  readonly advisories: readonly AdvisoryInfo[];
}

/** `GET /api/home`: the morning page. */
export interface HomeInfo {
  readonly recentIntake: readonly ObjectSummary[];
  readonly awaitingSignature: readonly AdvisoryInfo[];
  readonly embargoes: readonly {
    readonly id: string;
    readonly releaseAt: string;
    readonly cosigners: readonly OrgRef[];
  }[];
  readonly peers: readonly {
    readonly name: string;
    readonly lastSuccess: string | null;
    readonly lagSeconds: number | null;
    readonly lastError: string | null;
  }[];
  readonly recentSightings: readonly ObjectSummary[];
}

/** `GET /api/audit?limit=N&cursor=C` (admins): newest first. */
export interface AuditList {
  readonly events: readonly {
    readonly at: string;
    readonly action: string;
    readonly org: OrgRef | null;
    readonly username: string | null;
    readonly detail: string;
  }[];
  readonly next: string | null;
}

/** Every 4xx and 5xx answer under `/api/`. */
export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}
