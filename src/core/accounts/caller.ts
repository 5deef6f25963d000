import type { Role } from '../../store/index.js';

/** An authenticated user as the use cases see it. */
export interface Caller {
  readonly username: string;
  readonly orgId: string;
  /** The organisation's STIX identity id (policy compares it with member and co-signer lists). */
  readonly identityId: string;
  readonly role: Role;
}
