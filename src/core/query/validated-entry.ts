/**
 * A visible entry's object as the type it is. Every version a store holds passed validateObject
 * (STIX_VALIDATION, ingest-batch.ts) before it was stored, by any path (POST, import, pull, the
 * demo); a policy view only takes out what may be absent (granular redaction gives no view when a
 * required property would go). So what a read hands out is a ValidatedObject, and use cases narrow
 * it on `type` instead of casting records: this is the one place that states it, rather than
 * validating again on every read.
 */
import type { VisibleEntry } from '../../policy/index.js';
import type { ValidatedObject } from '../../stix/index.js';

/** The object of a stored, visible version, typed as validation typed it. */
export function validatedObject(entry: Pick<VisibleEntry, 'object'>): ValidatedObject {
  return entry.object as ValidatedObject;
}
