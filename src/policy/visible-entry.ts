/** What every read path hands out: one version as a reader may see it (the plan's answer). */
import type { Micros, ValidatedObject } from '../stix/index.js';

/** One version the reader may see, with its feed position. */
export interface VisibleEntry {
  readonly id: string;
  readonly version: string;
  readonly specVersion: string;
  readonly dateAdded: Micros;
  /**
   * The object as the reader may see it (redacted when the policy says so), typed as validation
   * typed it (stored-object.ts): narrow it on `type`.
   */
  readonly object: ValidatedObject;
  /**
   * The JSON text of exactly what the reader may see, when at hand: the stored text, or a
   * redaction the policy worked out when the version was stored (saves serialising it again).
   */
  readonly json?: string;
  /** Every marking what the reader sees references (object and granular). */
  readonly markingRefs?: readonly string[];
  /**
   * The organisation that produced the version as the node records it (never from
   * created_by_ref alone), when it is a stored version: use cases (detection) act on it.
   */
  readonly producerOrg?: string;
}
