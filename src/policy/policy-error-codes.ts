/** The catalog of policy/ error codes (documented in docs/reference/errors-policy.md; a test keeps both equal). */
export const POLICY_ERROR_CODES = {
  /** A sharing group or embargo was asked for with no member or co-signer organisations. */
  POLICY_EMPTY_MEMBERS: 'a sharing group needs at least one member and an embargo at least one co-signer',
  /** A member or co-signer identifier is not an `identity--UUID` id. */
  POLICY_BAD_IDENTITY: 'not a STIX identity id',
  /** A release time is not a STIX timestamp (spec 2.16). */
  POLICY_BAD_TIMESTAMP: 'not a STIX timestamp',
} as const;

/** A stable namespaced policy error code. */
export type PolicyErrorCode = keyof typeof POLICY_ERROR_CODES;
